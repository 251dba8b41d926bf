import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { env } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { FileAccess } from '../engines/engine.ts';
import type { Lake, Layer, TableWrite } from './lake.ts';
import { tableFile } from './layout.ts';
import { ReadCache } from './s3/cache.ts';
import { s3Settings } from './s3/client.ts';
import { isDataPart, markerKey, pointerKey, tableKeys, versionName, versionPrefix, versionsPrefix, type TableKeys } from './s3/keys.ts';
import { liveTable, readPointer, type Pointer } from './s3/live.ts';
import { parseS3Uri, type S3Location, type S3Place } from './s3/location.ts';
import { S3Objects } from './s3/objects.ts';
import { newMarker, removeLocalLeftovers, removeStaleRuns } from './s3/staging.ts';

/** Where local copies and local staging live (`LAKE_CACHE_DIR`, default `.cache/lake-s3`). */
const DEFAULT_LOCAL_ROOT = '.cache/lake-s3';
const WRITTEN_LAYERS: readonly Layer[] = ['bronze', 'silver', 'gold'];

/** One staged table write of a run. */
interface StagedWrite {
  layer: Layer;
  table: string;
  place: S3Place;
  keys: TableKeys;
  /** A local engine writes here; the file (or directory of parts) is uploaded at commit. */
  local?: string;
  runId: string;
  /** The version (`run-<id>`) the write goes to: an s3a engine writes its parts there directly. */
  version: string;
  /** Once published, the version may be live: abort must not delete it. */
  published: boolean;
}

/** A staged write ready to publish: an uploaded file to copy into place, or a version of parts to point at. */
type Prepared = { write: StagedWrite; form: 'file'; temp: string } | { write: StagedWrite; form: 'parts'; parts: string[] };

/**
 * A lake in S3 buckets (MinIO, AWS…): see docs/lake-s3.md. Tables are
 * written under a version of their own (`_versions/<table>.parquet/run-<id>/`) that no
 * reader looks at, and published table by table at commit: a one-file table
 * by a server-side copy onto its key (readers see the old object or the new
 * one), a table of parts by rewriting its small pointer `_current.json` (one
 * PUT). Engines with `s3a` access (Spark) read and write the bucket
 * themselves; the others (DuckDB) get local copies and write local files
 * that are uploaded at commit.
 */
export class S3Lake implements Lake {
  readonly kind = 's3' as const;
  private readonly staged = new Map<string, StagedWrite[]>();
  private readonly cache: ReadCache;
  private readonly stagingDir: string;

  constructor(
    readonly uri: string,
    private readonly location: S3Location,
    private readonly objects: S3Objects,
    localRoot: string,
  ) {
    this.cache = new ReadCache(join(localRoot, 'objects', endpointDir(objects.endpoint)), objects);
    this.stagingDir = join(localRoot, 'staging');
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
      await removeStaleRuns(this.objects, place);
    }
    await removeLocalLeftovers(this.stagingDir);
  }

  async resolveRead(layer: Layer, table: string, access: readonly FileAccess[]): Promise<string> {
    const place = this.location.place(layer);
    const keys = tableKeys(place, layer, table);
    // A version deleted between finding it and downloading it (a commit
    // replaced it) is found again: the second look sees the new version.
    for (let attempt = 0; ; attempt++) {
      const live = await liveTable(this.objects, place.bucket, keys, layer !== 'sources');
      if (live === undefined) {
        const hint = layer === 'sources' ? ': upload the sources with `electrolake lake init`' : '';
        throw new AppError('NOT_FOUND', `${layer}/${tableFile(layer, table)} not found in ${this.uri} (s3://${place.bucket}/${keys.object})${hint}`);
      }
      if (access.includes('s3a')) {
        return live.form === 'file'
          ? `s3a://${place.bucket}/${keys.object}`
          : `s3a://${place.bucket}/${versionPrefix(keys.home, live.pointer.version)}`;
      }
      try {
        return await this.cache.fetch(live, tableFile(layer, table));
      } catch (error) {
        if (attempt > 0 || !(error instanceof AppError) || error.details?.['code'] !== 'NoSuchKey') throw error;
      }
    }
  }

  async exists(layer: Layer, table: string): Promise<boolean> {
    const place = this.location.place(layer);
    return (await liveTable(this.objects, place.bucket, tableKeys(place, layer, table), layer !== 'sources')) !== undefined;
  }

  async list(layer: Layer): Promise<string[]> {
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
    const write: StagedWrite = { layer, table, place, keys, runId, version: versionName(runId), published: false };
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

  /**
   * Publishes a run's tables: first everything slow and invisible (uploads of
   * local files into their versions, listing parts), then each table's
   * switch, a copy or a pointer PUT, in the order they were written. A
   * failure before the switches leaves every live table as it was; one
   * during them leaves each table whole, old or new.
   */
  async commitWrites(runId: string): Promise<void> {
    const writes = this.staged.get(runId) ?? [];
    const prepared = await mapLimit(writes, 3, (write) => this.prepare(write));
    for (const p of prepared) await this.publish(p);
    // The tables are published: failing to tidy up now must not fail the
    // run. What stays behind (markers, unused versions) belongs to a process
    // that has ended, and the next run's ensureWritable deletes it.
    await this.abortWrites(runId).catch(() => {});
  }

  /** Drops a run's staged versions (those not published), its markers and its local files. */
  async abortWrites(runId: string): Promise<void> {
    const writes = this.staged.get(runId) ?? [];
    this.staged.delete(runId);
    await rm(join(this.stagingDir, runId), { recursive: true, force: true });
    for (const write of writes.filter((w) => !w.published)) {
      await this.objects.deletePrefix(write.place.bucket, versionPrefix(write.keys.home, write.version));
    }
    for (const place of this.writtenPlaces()) await this.objects.deleteKeys(place.bucket, [markerKey(place, runId)]);
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    const { bucket, prefix } = this.location.documents;
    const text = await this.objects.getText(bucket, `${prefix}${key}`);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** One PUT: S3 shows the whole new document or the old one, never part of it. */
  async writeJson(key: string, value: unknown): Promise<void> {
    const { bucket, prefix } = this.location.documents;
    await this.objects.putText(bucket, `${prefix}${key}`, `${JSON.stringify(value, null, 2)}\n`);
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

  private async prepare(write: StagedWrite): Promise<Prepared> {
    const { bucket } = write.place;
    const prefix = versionPrefix(write.keys.home, write.version);
    if (write.local !== undefined) {
      const info = await stat(write.local).catch(() => undefined);
      if (info === undefined) throw new AppError('INTERNAL', `nothing was written for ${write.layer}/${write.table}`);
      if (info.isFile()) {
        const temp = `${prefix}${tableFile(write.layer, write.table)}`;
        await this.objects.upload(bucket, temp, write.local);
        return { write, form: 'file', temp };
      }
      const parts = (await readdir(write.local)).filter(isDataPart).sort();
      for (const part of parts) await this.objects.upload(bucket, `${prefix}${part}`, join(write.local, part));
      return { write, form: 'parts', parts };
    }
    const { objects } = await this.objects.list(bucket, prefix);
    const parts = objects.map((o) => o.key.slice(prefix.length)).filter(isDataPart).sort();
    if (parts.length === 0) throw new AppError('ENGINE', `the engine wrote no Parquet part for ${write.layer}/${write.table} (s3://${bucket}/${prefix})`);
    return { write, form: 'parts', parts };
  }

  /** The switch of one table from its old version to the new one (see the class comment for the order). */
  private async publish(p: Prepared): Promise<void> {
    const { write } = p;
    const { bucket } = write.place;
    const { object, home } = write.keys;
    const old = await readPointer(this.objects, bucket, home);
    if (p.form === 'file') {
      const etag = await this.objects.copy(bucket, p.temp, object);
      write.published = true;
      if (old !== undefined) await this.objects.deleteKeys(bucket, [pointerKey(home)]);
      await this.objects.deletePrefix(bucket, versionPrefix(home, write.version));
      if (write.local !== undefined) await this.cache.adopt(bucket, object, etag, tableFile(write.layer, write.table), write.local);
    } else {
      const pointer: Pointer = { version: write.version, parts: p.parts, run_id: write.runId, written_at: new Date().toISOString() };
      await this.objects.putText(bucket, pointerKey(home), `${JSON.stringify(pointer, null, 2)}\n`);
      write.published = true;
      await this.objects.deleteKeys(bucket, [object]); // a one-file version from an earlier run, if any
    }
    if (old !== undefined && old.version !== write.version) await this.objects.deletePrefix(bucket, versionPrefix(home, old.version));
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
  return new S3Lake(uri, location, new S3Objects(s3Settings()), env('LAKE_CACHE_DIR') ?? DEFAULT_LOCAL_ROOT);
}

/** A directory name for an endpoint, so copies from two servers never mix. */
function endpointDir(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
}

/** Runs `fn` on every item with at most `limit` at once, keeping the order of results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
