import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../../core/concurrency.ts';
import { AppError } from '../../core/errors.ts';
import type { CommitSteps } from '../fault.ts';
import type { Layer } from '../lake.ts';
import { tableFile } from '../layout.ts';
import { CURRENT_MANIFEST_KEY, fileKey } from '../snapshot.ts';
import type { ReadCache } from './cache.ts';
import { isDataPart, pointerKey, versionPrefix, type TableKeys } from './keys.ts';
import type { Pointer } from './live.ts';
import type { S3Place } from './location.ts';
import type { S3Objects } from './objects.ts';
import { pointerObjectKey, readCurrent, snapshotKey, type S3Snapshot, type SnapshotTable } from './snapshots.ts';

/** Tables uploaded at once: each multipart upload holds up to 32 MiB (s3/objects.ts). */
const UPLOADS_IN_FLIGHT = 3;
/**
 * Plain keys refreshed at once after the switch: server-side copies and
 * small PUTs hold no data here, and one after the other they were most of a
 * small commit's time (~20 round trips).
 */
const COPIES_IN_FLIGHT = 8;

/** One staged table write of a run. */
export interface StagedWrite {
  layer: Layer;
  table: string;
  place: S3Place;
  keys: TableKeys;
  /** A local engine writes here; the file (or directory of parts) is uploaded at commit. */
  local?: string;
  /** The version (`run-<id>`) the write goes to: an s3a engine writes its parts there directly. */
  version: string;
}

/** A staged write uploaded into its version: the parts a reader will read. */
interface Prepared {
  write: StagedWrite;
  parts: string[];
  /** A one-file table (DuckDB): mirrored onto its plain key after the switch. */
  oneFile: boolean;
}

export interface CommitContext {
  objects: S3Objects;
  docs: S3Place;
  cache: ReadCache;
  steps: CommitSteps;
  log: (line: string) => void;
}

/**
 * A run's commit: uploads (slow, invisible), the snapshot's manifest, then
 * ONE conditional PUT of `_current.json` (the switch), then, for outside
 * readers, the plain keys (several at once) and last `_runs/latest.json`. A
 * failure before the switch leaves the previous snapshot current; one after
 * it only leaves the plain keys behind (logged).
 */
export async function commitSnapshot(
  ctx: CommitContext, writes: readonly StagedWrite[], runId: string, parent: string | null, manifest: Record<string, unknown>,
): Promise<S3Snapshot> {
  const prepared = await mapLimit(writes, UPLOADS_IN_FLIGHT, (write) => prepare(ctx, write));
  const current = await readCurrent(ctx.objects, ctx.docs);
  if ((current?.snapshot.run_id ?? null) !== parent) {
    throw new AppError('IO', `the lake moved on during the run (current snapshot ${current?.snapshot.run_id ?? null}, the run started from ${parent}); nothing was changed`);
  }
  const tables: Record<string, SnapshotTable> = {};
  const files: Record<string, string> = {};
  for (const { write, parts } of prepared) {
    const key = fileKey(write.layer, write.table);
    tables[key] = { bucket: write.place.bucket, home: write.keys.home, version: write.version, parts };
    files[key] = `s3://${write.place.bucket}/${versionPrefix(write.keys.home, write.version)}`;
  }
  const snapshot: S3Snapshot = { ...manifest, run_id: runId, parent, files, tables, committed_at: new Date().toISOString() };
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  const { bucket } = ctx.docs;
  await ctx.steps.step('write the snapshot manifest', () => ctx.objects.putText(bucket, snapshotKey(ctx.docs, runId), text));
  const switched = await ctx.steps.step('switch _current.json', () =>
    ctx.objects.putTextIf(bucket, pointerObjectKey(ctx.docs), text, current === undefined ? { ifNoneMatch: '*' } : { ifMatch: current.etag }));
  if (!switched) throw new AppError('IO', 'another writer switched the lake during the commit; nothing was changed');

  try {
    await mapLimit(prepared, COPIES_IN_FLIGHT, (p) => mirror(ctx, p, current?.snapshot.tables[fileKey(p.write.layer, p.write.table)]));
    await ctx.steps.step('copy the manifest to _runs/latest.json', () =>
      ctx.objects.putText(bucket, `${ctx.docs.prefix}${CURRENT_MANIFEST_KEY}`, text));
  } catch (error) {
    ctx.log(`commit: snapshot ${runId} is current, but the plain keys for outside readers are behind (${(error as Error).message}); the next run refreshes them`);
  }
  return snapshot;
}

/** Uploads a local engine's output into the write's version, or lists what an s3a engine wrote there. */
async function prepare(ctx: CommitContext, write: StagedWrite): Promise<Prepared> {
  const { bucket } = write.place;
  const prefix = versionPrefix(write.keys.home, write.version);
  const file = tableFile(write.layer, write.table);
  if (write.local !== undefined) {
    const info = await stat(write.local).catch(() => undefined);
    if (info === undefined) throw new AppError('INTERNAL', `nothing was written for ${write.layer}/${write.table}`);
    if (info.isFile()) {
      await ctx.steps.step(`upload ${file}`, () => ctx.objects.upload(bucket, `${prefix}${file}`, write.local ?? ''));
      return { write, parts: [file], oneFile: true };
    }
    const parts = (await readdir(write.local)).filter(isDataPart).sort();
    for (const part of parts) await ctx.steps.step(`upload ${file}/${part}`, () => ctx.objects.upload(bucket, `${prefix}${part}`, join(write.local ?? '', part)));
    return { write, parts, oneFile: false };
  }
  const { objects } = await ctx.objects.list(bucket, prefix);
  const parts = objects.map((o) => o.key.slice(prefix.length)).filter(isDataPart).sort();
  if (parts.length === 0) throw new AppError('ENGINE', `the engine wrote no Parquet part for ${write.layer}/${write.table} (s3://${bucket}/${prefix})`);
  return { write, parts, oneFile: false };
}

/**
 * The plain key of a table for outside readers, as before snapshots: a
 * one-file table copied onto `<layer>/<table>.parquet`, a table of parts
 * named by its own `_versions/<table>.parquet/_current.json`.
 */
async function mirror(ctx: CommitContext, { write, parts, oneFile }: Prepared, previous: SnapshotTable | undefined): Promise<void> {
  const { bucket } = write.place;
  const { object, home } = write.keys;
  const prefix = versionPrefix(home, write.version);
  const file = tableFile(write.layer, write.table);
  // The other form's key exists only if the table changed form (or before snapshots): delete it then only.
  const wasOneFile = previous === undefined ? undefined : previous.parts.length === 1 && previous.parts[0] === file;
  if (oneFile) {
    await ctx.steps.step(`copy ${object}`, () => ctx.objects.copy(bucket, `${prefix}${file}`, object));
    if (wasOneFile !== true) await ctx.steps.step(`delete ${pointerKey(home)}`, () => ctx.objects.deleteKeys(bucket, [pointerKey(home)]));
    if (write.local !== undefined) await ctx.cache.adoptVersion(bucket, object, write.version, file, write.local);
    return;
  }
  const pointer: Pointer = { version: write.version, parts, run_id: write.version.replace(/^run-/, ''), written_at: new Date().toISOString() };
  await ctx.steps.step(`write ${pointerKey(home)}`, () => ctx.objects.putText(bucket, pointerKey(home), `${JSON.stringify(pointer, null, 2)}\n`));
  if (wasOneFile !== false) await ctx.steps.step(`delete ${object}`, () => ctx.objects.deleteKeys(bucket, [object]));
}
