import type { FileAccess } from '../engines/engine.ts';

/**
 * Where lake files live. The pipeline asks the lake for paths an engine can
 * use and for atomic replacement of tables; it never touches `fs` or S3
 * itself. Implementations: `lake/local.ts` (default) and `lake/s3.ts`.
 */
export type Layer = 'sources' | 'bronze' | 'silver' | 'gold';

export interface TableWrite {
  /** Where the engine writes the new version (never the live table). */
  readonly path: string;
}

export interface Lake {
  /** `data/lake` or `s3://…`, as the user gave it. */
  readonly uri: string;
  readonly kind: 'local' | 's3';

  /** Fails with one clear line when the lake cannot be written (bad path, no permission, no bucket). */
  ensureWritable(): Promise<void>;
  /** A path to an existing table that an engine with `access` can read. */
  resolveRead(layer: Layer, table: string, access: readonly FileAccess[]): Promise<string>;
  /** Whether a table exists in a layer. */
  exists(layer: Layer, table: string): Promise<boolean>;
  /** Lists the tables of a layer (names without `.parquet`). */
  list(layer: Layer): Promise<string[]>;

  /**
   * Opens a write of a table: the engine writes to `path`, and nothing is
   * visible until `commitWrites` publishes all the writes of a stage.
   */
  stageWrite(layer: Layer, table: string, runId: string, access: readonly FileAccess[]): Promise<TableWrite>;
  /** Replaces the live tables by the staged ones, table by table atomically. */
  commitWrites(runId: string): Promise<void>;
  /** Drops every staged write of a run (on failure); live tables stay as they were. */
  abortWrites(runId: string): Promise<void>;

  /** Small JSON documents (run manifests), written atomically. */
  readJson<T>(key: string): Promise<T | undefined>;
  writeJson(key: string, value: unknown): Promise<void>;
  listKeys(prefix: string): Promise<string[]>;
}
