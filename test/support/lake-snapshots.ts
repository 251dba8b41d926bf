import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { checkInProcess } from './in-process-run.ts';

/** sha256 of every file under `dir` (following links), by relative path. */
export function fingerprint(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, fingerprint(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** The run id the local lake's `current` link names, or undefined. */
export function currentRun(lake: string): string | undefined {
  return existsSync(join(lake, 'current')) ? basename(readlinkSync(join(lake, 'current'))) : undefined;
}

/** Files a failed write could leave behind: temporaries and half-made links. */
export function leftovers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (/\.tmp-\d+$|^\.link-|\.new-\d+$|\.stale-\d+$/.test(entry.name)) found.push(path);
    if (entry.isDirectory() && !entry.isSymbolicLink()) found.push(...leftovers(path));
  }
  return found;
}

/**
 * The local lake is exactly snapshot `runId`: every plain path
 * (`bronze|silver|gold/…`, `_runs/latest.json`) shows that version's files,
 * the manifest names that run, and `check` passes on it (in this process:
 * the fault walks call this at every step).
 */
export async function expectLakeIsSnapshot(lake: string, runId: string): Promise<void> {
  expect(currentRun(lake)).toBe(runId);
  for (const layer of ['bronze', 'silver', 'gold']) {
    expect(fingerprint(join(lake, layer)), layer).toEqual(fingerprint(join(lake, 'versions', runId, layer)));
  }
  const latest = JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as { run_id: string; files: Record<string, string> };
  expect(latest.run_id).toBe(runId);
  for (const file of Object.values(latest.files)) expect(existsSync(join(lake, file)), file).toBe(true);
  const check = await checkInProcess(lake);
  expect(check.failed, JSON.stringify(check.results.filter((r) => !r.ok))).toBe(0);
  expect(check.run_id).toBe(runId);
}
