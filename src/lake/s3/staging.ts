import { readdir, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../pid.ts';
import { markerKey, stagingPrefix, versionName, versionPrefix, versionsPrefix } from './keys.ts';
import { readPointer } from './live.ts';
import type { S3Place } from './location.ts';
import type { S3Objects } from './objects.ts';

/** Who is running a run: a marker in each layer it writes, so a later run can tell garbage from work in progress. */
export interface RunMarker {
  run_id: string;
  host: string;
  pid: number;
  started_at: string;
}

/** A run whose process is gone (same host), or older than this, left garbage behind. */
const STALE_AFTER_MS = 24 * 3600 * 1000;

export function newMarker(runId: string): RunMarker {
  return { run_id: runId, host: hostname(), pid: process.pid, started_at: new Date().toISOString() };
}

export function isStale(marker: RunMarker | undefined, now = Date.now()): boolean {
  if (marker === undefined) return true;
  if (now - Date.parse(marker.started_at) > STALE_AFTER_MS) return true;
  return marker.host === hostname() && !isAlive(marker.pid);
}

/**
 * Deletes what killed runs left in a place: the versions they staged (never
 * those of a run that committed a snapshot before it died, nor one a table's
 * pointer names) and their markers. Runs in progress, here or on another
 * host, are left alone.
 */
export async function removeStaleRuns(objects: S3Objects, place: S3Place, committed: (runId: string) => Promise<boolean>): Promise<void> {
  const { objects: markers } = await objects.list(place.bucket, stagingPrefix(place), '/');
  const stale: string[] = [];
  for (const { key } of markers) {
    if (!key.endsWith('.json')) continue;
    const text = await objects.getText(place.bucket, key);
    const marker = text === undefined ? undefined : (JSON.parse(text) as RunMarker);
    const runId = key.slice(stagingPrefix(place).length, -'.json'.length);
    if (isStale(marker) && !(await committed(runId))) stale.push(runId);
    else if (isStale(marker)) await objects.deleteKeys(place.bucket, [key]);
  }
  if (stale.length === 0) return;
  const { prefixes: homes } = await objects.list(place.bucket, versionsPrefix(place), '/');
  for (const home of homes.map((p) => p.slice(0, -1))) {
    const live = (await readPointer(objects, place.bucket, home))?.version;
    for (const runId of stale) {
      if (live !== versionName(runId)) await objects.deletePrefix(place.bucket, versionPrefix(home, versionName(runId)));
    }
  }
  await objects.deleteKeys(place.bucket, stale.map((runId) => markerKey(place, runId)));
}

/** Same for the local side (files a local engine wrote for runs whose process is gone). */
export async function removeLocalLeftovers(stagingDir: string): Promise<void> {
  for (const runId of await readdir(stagingDir).catch(() => [] as string[])) {
    const pid = Number(await readFile(join(stagingDir, runId, '.pid'), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    await rm(join(stagingDir, runId), { recursive: true, force: true });
  }
}
