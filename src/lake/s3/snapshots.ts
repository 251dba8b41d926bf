import type { SnapshotManifest } from '../snapshot.ts';
import type { TableKeys } from './keys.ts';
import type { LiveTable } from './live.ts';
import type { S3Place } from './location.ts';
import type { S3Objects } from './objects.ts';

/**
 * The snapshots of an S3 lake (docs/lake-s3.md), in the documents place:
 *
 *   _snapshots/<run_id>.json   a snapshot's manifest: the run's manifest, its parent, and every table's version and parts
 *   _current.json              THE pointer: a copy of the current snapshot's manifest, written by one conditional PUT
 *
 * Every table of a run is written under its own version
 * (`<place>_versions/<table>.parquet/run-<id>/`), which no reader looks at
 * until `_current.json` names it: one PUT switches bronze, silver and gold.
 */
export const POINTER_KEY = '_current.json';
export const SNAPSHOTS_DIR = '_snapshots/';

/** Where one table of a snapshot is. */
export interface SnapshotTable {
  bucket: string;
  home: string;
  version: string;
  parts: string[];
}

export interface S3Snapshot extends SnapshotManifest {
  tables: Record<string, SnapshotTable>;
}

export function snapshotKey(docs: S3Place, runId: string): string {
  return `${docs.prefix}${SNAPSHOTS_DIR}${runId}.json`;
}

export function pointerObjectKey(docs: S3Place): string {
  return `${docs.prefix}${POINTER_KEY}`;
}

/** The current snapshot and the ETag of the pointer that names it (for the next conditional switch). */
export async function readCurrent(objects: S3Objects, docs: S3Place): Promise<{ snapshot: S3Snapshot; etag: string } | undefined> {
  const found = await objects.getTextAndEtag(docs.bucket, pointerObjectKey(docs));
  return found === undefined ? undefined : { snapshot: JSON.parse(found.text) as S3Snapshot, etag: found.etag };
}

export async function readSnapshotDoc(objects: S3Objects, docs: S3Place, runId: string): Promise<S3Snapshot | undefined> {
  const text = await objects.getText(docs.bucket, snapshotKey(docs, runId));
  return text === undefined ? undefined : (JSON.parse(text) as S3Snapshot);
}

/** Snapshots from the current one back through their parents (as far as kept). */
export async function snapshotChain(objects: S3Objects, docs: S3Place): Promise<S3Snapshot[]> {
  const chain: S3Snapshot[] = [];
  let next = (await readCurrent(objects, docs))?.snapshot;
  while (next !== undefined && !chain.some((s) => s.run_id === next?.run_id)) {
    chain.push(next);
    next = next.parent === null ? undefined : await readSnapshotDoc(objects, docs, next.parent);
  }
  return chain;
}

/** A snapshot's table as the read cache and engines take it: a version of parts. */
export function snapshotTable(snapshot: S3Snapshot, key: string, keys: TableKeys): LiveTable | undefined {
  const table = snapshot.tables[key];
  if (table === undefined) return undefined;
  return {
    form: 'parts',
    bucket: table.bucket,
    keys,
    pointer: { version: table.version, parts: table.parts, run_id: snapshot.run_id, written_at: snapshot.committed_at },
  };
}
