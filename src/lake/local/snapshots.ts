import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CommitSteps } from '../fault.ts';
import type { SnapshotManifest } from '../snapshot.ts';

/**
 * The snapshots of a local lake (README, "The lake"):
 *
 *   versions/<run_id>/{bronze,silver,gold}/<table>.parquet, _manifest.json   one run's tables
 *   current -> versions/<run_id>                  THE pointer: one symlink, replaced by one rename
 *   bronze -> current/bronze (silver, gold too)   stable plain paths for outside tools
 *   _runs/latest.json -> ../current/_manifest.json
 *
 * A commit writes the run's manifest into its (invisible) version, then
 * renames a new `current` link over the old one: POSIX `rename` is atomic,
 * so every path through `current` switches from one run to the next at once.
 */
export const CURRENT = 'current';
export const VERSIONS = 'versions';
export const MANIFEST_FILE = '_manifest.json';
const PLAIN_LAYERS = ['bronze', 'silver', 'gold'] as const;

export function versionDir(root: string, runId: string): string {
  return join(root, VERSIONS, runId);
}

/** The run id `current` points at, or undefined before the first snapshot (or in a lake from before snapshots). */
export async function currentRunId(root: string): Promise<string | undefined> {
  const target = await readlink(join(root, CURRENT)).catch(() => undefined);
  return target === undefined ? undefined : basename(target);
}

export async function readSnapshot(root: string, runId: string): Promise<SnapshotManifest | undefined> {
  const text = await readFile(join(versionDir(root, runId), MANIFEST_FILE), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as SnapshotManifest);
}

/** Snapshots from the current one back through their parents (as far as versions are kept). */
export async function snapshotChain(root: string): Promise<SnapshotManifest[]> {
  const chain: SnapshotManifest[] = [];
  const seen = new Set<string>();
  for (let id = await currentRunId(root); id !== undefined && !seen.has(id); ) {
    const manifest = await readSnapshot(root, id);
    if (manifest === undefined) break;
    chain.push(manifest);
    seen.add(id);
    id = manifest.parent ?? undefined;
  }
  return chain;
}

/** Every version directory, committed or not. */
export async function listVersions(root: string): Promise<string[]> {
  return (await readdir(join(root, VERSIONS)).catch(() => [] as string[])).sort();
}

/** Writes `text` to `path` through a temporary file and a rename, leaving no temporary file behind on failure. */
export async function writeAtomically(path: string, text: string, steps: CommitSteps, what: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await steps.step(`write ${what}`, () => writeFile(temp, text));
    await steps.step(`rename ${what}`, () => rename(temp, path));
  } finally {
    await rm(temp, { force: true });
  }
}

/** The commit's one visible step: `current` now names `runId`. */
export async function switchCurrent(root: string, runId: string, steps: CommitSteps): Promise<void> {
  await replaceLink(root, CURRENT, join(VERSIONS, runId), steps);
}

/**
 * Makes the plain paths links through `current` (once per lake; a no-op
 * after). A lake from before snapshots has real directories there: they are
 * moved to `.trash/` first, since a rename cannot replace a directory.
 */
export async function ensurePlainLinks(root: string, steps: CommitSteps): Promise<void> {
  for (const layer of PLAIN_LAYERS) await ensureLink(root, layer, join(CURRENT, layer), steps);
  await mkdir(join(root, '_runs'), { recursive: true });
  await ensureLink(root, join('_runs', 'latest.json'), join('..', CURRENT, MANIFEST_FILE), steps);
}

/** Whether the lake holds real layer directories or a real latest.json (written before snapshots). */
export async function hasLegacyLayout(root: string): Promise<boolean> {
  for (const name of [...PLAIN_LAYERS, join('_runs', 'latest.json')]) {
    const info = await lstat(join(root, name)).catch(() => undefined);
    if (info !== undefined && !info.isSymbolicLink()) return true;
  }
  return false;
}

async function ensureLink(root: string, name: string, target: string, steps: CommitSteps): Promise<void> {
  const path = join(root, name);
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink() && (await readlink(path)) === target) return;
  if (info !== undefined && !info.isSymbolicLink()) {
    const aside = join(root, '.trash', `${basename(name)}-${Date.now()}`);
    await mkdir(join(root, '.trash'), { recursive: true });
    await steps.step(`move the old ${name} aside`, () => rename(path, aside));
  }
  await replaceLink(root, name, target, steps);
}

/** A new symlink under a temporary name, renamed over `name`: readers see the old link or the new one. */
async function replaceLink(root: string, name: string, target: string, steps: CommitSteps): Promise<void> {
  const temp = join(root, `.link-${basename(name)}-${process.pid}`);
  await rm(temp, { force: true });
  try {
    await steps.step(`link ${name}`, () => symlink(target, temp));
    await steps.step(`rename ${name}`, () => rename(temp, join(root, name)));
  } finally {
    await rm(temp, { force: true });
  }
}
