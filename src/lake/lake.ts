import type { FileAccess } from '../engines/engine.ts';
import type { LockOptions, WriterLock } from './lock.ts';
import type { SnapshotManifest } from './snapshot.ts';

/**
 * Where lake files live. The pipeline asks the lake for paths an engine can
 * use and for atomic replacement of tables; it never touches `fs` or S3
 * itself. Implementations: `lake/local/lake.ts` (default) and `lake/s3/lake.ts`.
 */
export type Layer = 'sources' | 'bronze' | 'silver' | 'gold';

/**
 * Where a table can be read, and by what: a `local` path on this machine or
 * an `s3a` URI only an engine with S3 access reads. Typed so a caller never
 * guesses from the text (a local path may contain `://`-free colons, an S3
 * URI is no file for `fs`).
 */
export interface TableLocation {
  readonly access: FileAccess;
  readonly path: string;
}

export interface TableWrite {
  /** Where the engine writes the new version (never the live table). */
  readonly path: string;
}

export interface Lake {
  /** `data/lake` or `s3://…`, as the user gave it. */
  readonly uri: string;
  readonly kind: 'local' | 's3';
  /** Where the source CSVs are read: a directory (local lake) or the S3 prefix of the sources layer. */
  readonly sources: string;

  /** Fails with one clear line when the lake cannot be written (bad path, no permission, no bucket). */
  ensureWritable(): Promise<void>;
  /** Where an engine with `access` reads an existing table (an S3 URI when `access` has `s3a`, else a local path). */
  resolveRead(layer: Layer, table: string, access: readonly FileAccess[]): Promise<TableLocation>;
  /** Whether a table exists in a layer. */
  exists(layer: Layer, table: string): Promise<boolean>;
  /** Lists the tables of a layer (names without `.parquet`). */
  list(layer: Layer): Promise<string[]>;

  /**
   * Opens a write of a table: the engine writes to `path`, and nothing is
   * visible until `commitWrites` publishes all the writes of a stage.
   */
  stageWrite(layer: Layer, table: string, runId: string, access: readonly FileAccess[]): Promise<TableWrite>;
  /**
   * Makes a run's staged tables the current snapshot in ONE atomic step
   * (every layer at once), with `manifest` (plus the files it names) as the
   * snapshot's manifest. Fails, leaving the current snapshot as it was, if
   * the current snapshot is no longer `parent`. What follows the switch
   * (tidying, outside readers' paths) never fails the commit: it is logged.
   */
  commitWrites(runId: string, parent: string | null, manifest: Record<string, unknown>, log: (line: string) => void): Promise<SnapshotManifest>;
  /** Drops every staged write of a run (on failure); live tables stay as they were. */
  abortWrites(runId: string): Promise<void>;

  /** The run id of the snapshot reads go to (the current one, unless pinned by `at`); undefined before the first run. */
  snapshotId(): Promise<string | undefined>;
  /**
   * A read-only view of one snapshot, the current one (as of now) or the
   * run `runId`: every table and the manifest (`_runs/latest.json`) read
   * through it belong to that run, whatever commits meanwhile.
   */
  at(runId?: string): Promise<Lake>;
  /** Snapshot manifests, current first, back through their parents (as far as kept). */
  history(): Promise<SnapshotManifest[]>;
  /** Deletes all but the newest `keep` snapshots (never the current one) and what failed runs left; returns the run ids removed. */
  vacuum(keep: number): Promise<string[]>;
  /** The single-writer lock of the lake (see lake/lock.ts). */
  lock(options: LockOptions): Promise<WriterLock>;

  /** Small JSON documents (run manifests), written atomically. */
  readJson<T>(key: string): Promise<T | undefined>;
  writeJson(key: string, value: unknown): Promise<void>;
  /** Small text documents (tracked runs' artifacts), written atomically; undefined when absent. */
  readText(key: string): Promise<string | undefined>;
  writeText(key: string, text: string): Promise<void>;
  /** The keys directly under `prefix` (documents and sub-prefixes), as `prefix/name`. */
  listKeys(prefix: string): Promise<string[]>;

  /**
   * Ingested files' Parquet parts (`_ingest/parts/<source>/<n>.parquet`, see
   * src/ingest): outside snapshots, written once, never vacuumed. The engine
   * writes a part at the local path `stagePart` gives; `commitPart` makes it
   * readable in one step (replacing one a killed ingest left under that key).
   */
  stagePart(key: string): Promise<TableWrite>;
  commitPart(key: string): Promise<void>;
  /** A directory an engine with `access` reads as every committed part under `prefix` (local copies for a local-only engine on S3). */
  partsPath(prefix: string, access: readonly FileAccess[]): Promise<string>;
}
