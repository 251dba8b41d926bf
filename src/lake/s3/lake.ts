import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { settings } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import type { FileAccess } from '../../engines/engine.ts';
import { CommitSteps } from '../fault.ts';
import type { Lake, Layer, TableLocation, TableWrite } from '../lake.ts';
import { SOURCE_FILES, tableFile } from '../layout.ts';
import { acquireLock, type LockOptions, type WriterLock } from '../lock.ts';
import { ReadCache } from './cache.ts';
import { s3Settings } from './client.ts';
import { commitSnapshot, type StagedWrite } from './commit.ts';
import { markerKey, tableKeys, versionName, versionPrefix, versionsPrefix } from './keys.ts';
import { liveTable, readPointer, type LiveTable } from './live.ts';
import { parseS3Uri, type S3Location, type S3Place } from './location.ts';
import { s3LockStore } from './lock-store.ts';
import { S3Objects } from './objects.ts';
import { S3Parts } from './parts.ts';
import { readCurrent, readSnapshotDoc, snapshotChain, snapshotKey, snapshotTable, type S3Snapshot } from './snapshots.ts';
import { newMarker, removeLocalLeftovers, removeStaleRuns } from './staging.ts';
import { CURRENT_MANIFEST_KEY, fileKey, toVacuum, type SnapshotManifest } from '../snapshot.ts';

const WRITTEN_LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold'];

/**
 * A lake in S3 buckets (MinIO, AWS…): see docs/lake-s3.md. A run writes
 * each table under a version of its own (`_versions/<table>.parquet/run-<id>/`)
 * that no reader looks at; the commit writes the snapshot's manifest and then
 * ONE conditional PUT of `_current.json` that names every table's version
 * (s3/commit.ts). Readers resolve tables through that pointer (or a past
 * snapshot, `at`). Engines with `s3a` access (Spark) read and write the
 * bucket themselves; the others (DuckDB) get local copies and write local
 * files that are uploaded at commit.
 */
export class S3Lake implements Lake {
  readonly kind = 's3' as const;
  private readonly staged = new Map<string, StagedWrite[]>();
  private readonly cache: ReadCache;
  private readonly stagingDir: string;
  private readonly parts: S3Parts;

  constructor(
    readonly uri: string,
    private readonly location: S3Location,
    private readonly objects: S3Objects,
    private readonly localRoot: string,
    /** This lake reads that snapshot only (see `at`). */
    private readonly pinned?: S3Snapshot,
  ) {
    this.cache = new ReadCache(join(localRoot, 'objects', endpointDir(objects.endpoint)), objects);
    this.stagingDir = join(localRoot, 'staging');
    this.parts = new S3Parts(objects, location.documents, join(localRoot, 'ingest', endpointDir(objects.endpoint)));
  }

  get sources(): string {
    const place = this.location.place('sources');
    const key = tableKeys(place, 'sources', SOURCE_FILES.clients).object;
    return `s3://${place.bucket}/${key.slice(0, key.lastIndexOf('/') + 1)}`;
  }

  /**
   * Checks what a run needs before it starts, with one clear line for each
   * way it can fail: the endpoint answers, the credentials are accepted, every
   * bucket exists and can be written. Then clears what killed runs left.
   */
  async ensureWritable(): Promise<void> {
    for (const bucket of this.location.buckets) await this.objects.checkBucket(bucket);
    for (const place of this.writtenPlaces()) {
      const probe = `${place.prefix}_staging/.probe-${process.pid}`;
      await this.objects.putText(place.bucket, probe, 'probe', 'text/plain');
      await this.objects.deleteKeys(place.bucket, [probe]);
      await removeStaleRuns(this.objects, place, async (runId) => (await readSnapshotDoc(this.objects, this.location.documents, runId)) !== undefined);
    }
    await removeLocalLeftovers(this.stagingDir);
  }

  async resolveRead(layer: Layer, table: string, access: readonly FileAccess[]): Promise<TableLocation> {
    const place = this.location.place(layer);
    const keys = tableKeys(place, layer, table);
    // A version deleted between finding it and downloading it (a commit
    // replaced it) is found again: the second look sees the new version.
    for (let attempt = 0; ; attempt++) {
      const live = await this.live(layer, table);
      if (live === undefined) {
        const hint = layer === 'sources' ? ': upload the sources with `electrolake lake init`' : '';
        throw new AppError('NOT_FOUND', `${layer}/${tableFile(layer, table)} not found in ${this.uri} (s3://${place.bucket}/${keys.object})${hint}`);
      }
      if (access.includes('s3a')) {
        const key = live.form === 'file' ? keys.object : versionPrefix(keys.home, live.pointer.version);
        return { access: 's3a', path: `s3a://${place.bucket}/${key}` };
      }
      try {
        return { access: 'local', path: await this.cache.fetch(live, tableFile(layer, table)) };
      } catch (error) {
        if (attempt > 0 || !(error instanceof AppError) || error.details?.['code'] !== 'NoSuchKey') throw error;
      }
    }
  }

  async exists(layer: Layer, table: string): Promise<boolean> {
    return (await this.live(layer, table)) !== undefined;
  }

  async list(layer: Layer): Promise<string[]> {
    const snapshot = layer === 'sources' ? undefined : await this.snapshot();
    if (snapshot !== undefined) {
      return Object.keys(snapshot.tables).filter((k) => k.startsWith(`${layer}/`)).map((k) => k.slice(layer.length + 1)).sort();
    }
    const place = this.location.place(layer);
    const names = new Set<string>();
    const { objects } = await this.objects.list(place.bucket, place.prefix, '/');
    for (const { key } of objects) if (key.endsWith('.parquet')) names.add(key.slice(place.prefix.length, -'.parquet'.length));
    const { prefixes: homes } = await this.objects.list(place.bucket, versionsPrefix(place), '/');
    for (const home of homes.map((p) => p.slice(0, -1)).filter((h) => h.endsWith('.parquet'))) {
      if ((await readPointer(this.objects, place.bucket, home)) !== undefined) {
        names.add(home.slice(versionsPrefix(place).length, -'.parquet'.length));
      }
    }
    return [...names].sort();
  }

  async stageWrite(layer: Layer, table: string, runId: string, access: readonly FileAccess[]): Promise<TableWrite> {
    if (layer === 'sources') throw new AppError('INTERNAL', 'the pipeline never writes sources');
    if (!this.staged.has(runId)) await this.markRun(runId);
    const place = this.location.place(layer);
    const keys = tableKeys(place, layer, table);
    const write: StagedWrite = { layer, table, place, keys, version: versionName(runId) };
    const writes = (this.staged.get(runId) ?? []).filter((w) => w.layer !== layer || w.table !== table);
    writes.push(write);
    this.staged.set(runId, writes);
    if (access.includes('s3a')) return { path: `s3a://${place.bucket}/${versionPrefix(keys.home, write.version)}` };

    write.local = resolve(this.stagingDir, runId, layer, tableFile(layer, table));
    await mkdir(dirname(write.local), { recursive: true });
    await writeFile(join(this.stagingDir, runId, '.pid'), String(process.pid));
    await rm(write.local, { recursive: true, force: true });
    return { path: write.local };
  }

  async commitWrites(
    runId: string, parent: string | null, manifest: Record<string, unknown>, log: (line: string) => void,
  ): Promise<SnapshotManifest> {
    const context = { objects: this.objects, docs: this.location.documents, cache: this.cache, steps: new CommitSteps(), log };
    const snapshot = await commitSnapshot(context, this.staged.get(runId) ?? [], runId, parent, manifest);
    this.staged.delete(runId);
    // Committed: failing to tidy up now must not fail the run. What stays
    // (markers, local files) belongs to a process that has ended, and the
    // next run's ensureWritable deletes it.
    await this.dropRunFiles(runId).catch(() => {});
    return snapshot;
  }

  /** Drops a run's staged versions (unless it became current after all), its markers and its local files. */
  async abortWrites(runId: string): Promise<void> {
    const writes = this.staged.get(runId) ?? [];
    this.staged.delete(runId);
    const current = await readCurrent(this.objects, this.location.documents);
    if (current?.snapshot.run_id !== runId) {
      for (const write of writes) await this.objects.deletePrefix(write.place.bucket, versionPrefix(write.keys.home, write.version));
    }
    await this.dropRunFiles(runId);
  }

  async snapshotId(): Promise<string | undefined> {
    return (await this.snapshot())?.run_id;
  }

  async at(runId?: string): Promise<Lake> {
    const docs = this.location.documents;
    const snapshot = runId === undefined ? await this.snapshot() : await readSnapshotDoc(this.objects, docs, runId);
    if (runId !== undefined && snapshot === undefined) {
      throw new AppError('NOT_FOUND', `no snapshot ${runId} in ${this.uri}: \`electrolake history\` lists them`);
    }
    return snapshot === undefined ? this : new S3Lake(this.uri, this.location, this.objects, this.localRoot, snapshot);
  }

  history(): Promise<SnapshotManifest[]> {
    return snapshotChain(this.objects, this.location.documents);
  }

  /** Deletes the versions and manifests of the snapshots beyond `keep`, and versions no snapshot names. */
  async vacuum(keep: number): Promise<string[]> {
    const docs = this.location.documents;
    const chain = await snapshotChain(this.objects, docs);
    const removed = toVacuum(chain.map((s) => s.run_id), keep);
    const kept = new Set(chain.map((s) => s.run_id).filter((id) => !removed.includes(id)).map(versionName));
    for (const place of this.writtenPlaces()) {
      const { prefixes: homes } = await this.objects.list(place.bucket, versionsPrefix(place), '/');
      for (const home of homes) {
        const { prefixes: versions } = await this.objects.list(place.bucket, home, '/');
        for (const version of versions) {
          if (!kept.has(version.slice(home.length, -1))) await this.objects.deletePrefix(place.bucket, version);
        }
      }
    }
    await this.objects.deleteKeys(docs.bucket, removed.map((id) => snapshotKey(docs, id)));
    return removed;
  }

  lock(options: LockOptions): Promise<WriterLock> {
    const docs = this.location.documents;
    return acquireLock(s3LockStore(this.objects, docs.bucket, `${docs.prefix}_lock.json`), options);
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    if (key === CURRENT_MANIFEST_KEY) {
      const snapshot = await this.snapshot();
      if (snapshot !== undefined) return snapshot as unknown as T;
    }
    const text = await this.readText(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async writeJson(key: string, value: unknown): Promise<void> {
    await this.writeText(key, `${JSON.stringify(value, null, 2)}\n`);
  }

  async readText(key: string): Promise<string | undefined> {
    const { bucket, prefix } = this.location.documents;
    return this.objects.getText(bucket, `${prefix}${key}`);
  }

  /** One PUT: S3 shows the whole new document or the old one, never part of it. */
  async writeText(key: string, text: string): Promise<void> {
    const { bucket, prefix } = this.location.documents;
    await this.objects.putText(bucket, `${prefix}${key}`, text, key.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8');
  }

  async stagePart(key: string): Promise<TableWrite> {
    return { path: await this.parts.stage(key) };
  }

  commitPart(key: string): Promise<void> {
    return this.parts.commit(key);
  }

  partsPath(prefix: string, access: readonly FileAccess[]): Promise<string> {
    return this.parts.path(prefix, access);
  }

  async listKeys(prefix: string): Promise<string[]> {
    const { bucket, prefix: root } = this.location.documents;
    const dir = prefix.replace(/\/$/, '');
    const listed = await this.objects.list(bucket, `${root}${dir}/`, '/');
    const names = [...listed.objects.map((o) => o.key), ...listed.prefixes.map((p) => p.replace(/\/$/, ''))];
    return names.map((key) => `${dir}/${key.slice(`${root}${dir}/`.length)}`).sort();
  }

  /** Writes the run's marker in each layer it writes, before any of its data. */
  private async markRun(runId: string): Promise<void> {
    const marker = `${JSON.stringify(newMarker(runId))}\n`;
    for (const place of this.writtenPlaces()) await this.objects.putText(place.bucket, markerKey(place, runId), marker);
  }

  /** The snapshot reads go to: the pinned one, else the current one (undefined in a lake from before snapshots). */
  private async snapshot(): Promise<S3Snapshot | undefined> {
    return this.pinned ?? (await readCurrent(this.objects, this.location.documents))?.snapshot;
  }

  /** A table as readers find it: through the snapshot, else (sources, a lake from before snapshots) at its plain key. */
  private async live(layer: Layer, table: string): Promise<LiveTable | undefined> {
    const place = this.location.place(layer);
    const keys = tableKeys(place, layer, table);
    const snapshot = layer === 'sources' ? undefined : await this.snapshot();
    if (snapshot !== undefined) return snapshotTable(snapshot, fileKey(layer, table), keys);
    return liveTable(this.objects, place.bucket, keys, layer !== 'sources');
  }

  private async dropRunFiles(runId: string): Promise<void> {
    await rm(join(this.stagingDir, runId), { recursive: true, force: true });
    for (const place of this.writtenPlaces()) await this.objects.deleteKeys(place.bucket, [markerKey(place, runId)]);
  }

  private writtenPlaces(): S3Place[] {
    const seen = new Set<string>();
    const places: S3Place[] = [];
    for (const layer of WRITTEN_LAYERS) {
      const place = this.location.place(layer);
      const id = `${place.bucket}/${place.prefix}`;
      if (!seen.has(id)) places.push(place);
      seen.add(id);
    }
    return places;
  }
}

/** Opens an `s3://` lake with the endpoint and credentials of the standard AWS variables. */
export function openS3Lake(uri: string): S3Lake {
  const location = parseS3Uri(uri);
  return new S3Lake(uri, location, new S3Objects(s3Settings()), settings().lakeCacheDir);
}

/** A directory name for an endpoint, so copies from two servers never mix. */
export function endpointDir(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}
