import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { FileAccess } from '../../engines/engine.ts';
import { CommitSteps } from '../fault.ts';
import type { Lake, Layer, TableLocation, TableWrite } from '../lake.ts';
import { tableFile } from '../layout.ts';
import { localLockStore } from './lock-store.ts';
import {
  currentRunId, ensurePlainLinks, hasLegacyLayout, listVersions, MANIFEST_FILE, readSnapshot, snapshotChain, switchCurrent, versionDir, writeAtomically,
} from './snapshots.ts';
import { acquireLock, type LockOptions, type WriterLock } from '../lock.ts';
import { CURRENT_MANIFEST_KEY, fileKey, toVacuum, type SnapshotManifest } from '../snapshot.ts';

/**
 * A lake in a local directory, made of snapshots (see local/snapshots.ts):
 * a run writes its tables into a version directory of its own, which no
 * reader looks at, and the commit renames one `current` link to it.
 * Readers resolve every table through one snapshot, so they see one run's
 * bronze, silver and gold, never two mixed.
 */
export class LocalLake implements Lake {
  readonly kind = 'local' as const;
  private readonly root: string;
  private readonly staged = new Map<string, { layer: Layer; table: string; path: string }[]>();

  constructor(
    readonly uri: string,
    private readonly sourcesDir: string,
    /** A run id: this lake reads that snapshot only (see `at`). */
    private readonly pinned?: string,
  ) {
    this.root = resolve(uri);
  }

  get sources(): string {
    return this.sourcesDir;
  }

  /** Fails early, with one clear line, when the lake directory cannot be written. */
  async ensureWritable(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      const probe = join(this.root, `.probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      throw new AppError('IO', `cannot write to the lake at ${this.uri}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }

  /**
   * Drops versions no snapshot names (runs that failed or were killed) and
   * the `.staging`/`.trash` of older layouts. Done by whoever takes the
   * writer lock: no run in progress owns any of them then.
   */
  private async removeLeftovers(): Promise<void> {
    const committed = new Set((await snapshotChain(this.root)).map((s) => s.run_id));
    for (const id of await listVersions(this.root)) {
      if (!committed.has(id) && !this.staged.has(id)) await rm(versionDir(this.root, id), { recursive: true, force: true });
    }
    for (const area of ['.staging', '.trash']) await rm(join(this.root, area), { recursive: true, force: true });
  }

  async resolveRead(layer: Layer, table: string, _access: readonly FileAccess[]): Promise<TableLocation> {
    const path = await this.readPath(layer, table);
    if (!(await exists(path))) {
      if (layer === 'sources') {
        throw new AppError('NOT_FOUND', `source file not found: ${path} (sources folder ${this.sourcesDir}; write it with \`electrolake generate\` or pass --sources)`);
      }
      throw new AppError('NOT_FOUND', `${layer}/${tableFile(layer, table)} not found in ${this.uri}${await this.snapshotNote()}`);
    }
    return { access: 'local', path };
  }

  async exists(layer: Layer, table: string): Promise<boolean> {
    return exists(await this.readPath(layer, table));
  }

  async list(layer: Layer): Promise<string[]> {
    const dir = dirname(await this.readPath(layer, 'x'));
    const entries = await readdir(dir).catch(() => [] as string[]);
    return entries.filter((e) => e.endsWith('.parquet')).map((e) => e.slice(0, -'.parquet'.length)).sort();
  }

  async stageWrite(layer: Layer, table: string, runId: string, _access: readonly FileAccess[]): Promise<TableWrite> {
    const path = join(versionDir(this.root, runId), layer, tableFile(layer, table));
    await mkdir(dirname(path), { recursive: true });
    await rm(path, { recursive: true, force: true });
    const writes = (this.staged.get(runId) ?? []).filter((w) => w.layer !== layer || w.table !== table);
    writes.push({ layer, table, path });
    this.staged.set(runId, writes);
    return { path };
  }

  /**
   * Writes the snapshot's manifest into the run's version, then switches
   * `current` to it (the one visible step). A lake from before snapshots
   * gets its plain-path links after the switch (its old directories stay
   * readable until then): failing there leaves the new snapshot committed.
   */
  async commitWrites(
    runId: string, parent: string | null, manifest: Record<string, unknown>, log: (line: string) => void,
  ): Promise<SnapshotManifest> {
    const steps = new CommitSteps();
    const now = (await currentRunId(this.root)) ?? null;
    if (now !== parent) {
      throw new AppError('IO', `the lake moved on during the run (current snapshot ${now}, the run started from ${parent}); nothing was changed`);
    }
    const files: Record<string, string> = {};
    for (const w of this.staged.get(runId) ?? []) files[fileKey(w.layer, w.table)] = relative(this.root, w.path);
    const snapshot: SnapshotManifest = { ...manifest, run_id: runId, parent, files, committed_at: new Date().toISOString() };
    await writeAtomically(join(versionDir(this.root, runId), MANIFEST_FILE), `${JSON.stringify(snapshot, null, 2)}\n`, steps, 'the manifest');
    // A new lake gets its plain-path links first (they dangle until the
    // switch): its first snapshot then appears on every path at once.
    if (parent === null && !(await hasLegacyLayout(this.root))) await ensurePlainLinks(this.root, steps);
    await switchCurrent(this.root, runId, steps);
    this.staged.delete(runId);
    await ensurePlainLinks(this.root, steps).catch((error: unknown) => {
      log(`commit: snapshot ${runId} is current, but the plain paths could not be linked (${(error as Error).message}); the next run retries`);
    });
    return snapshot;
  }

  /** Drops a run's version (on failure); the current snapshot stays as it was. */
  async abortWrites(runId: string): Promise<void> {
    this.staged.delete(runId);
    if ((await currentRunId(this.root)) === runId) return; // committed after all: it is the lake now
    await rm(versionDir(this.root, runId), { recursive: true, force: true });
  }

  async snapshotId(): Promise<string | undefined> {
    return this.pinned ?? (await currentRunId(this.root));
  }

  async at(runId?: string): Promise<Lake> {
    const id = runId ?? (await this.snapshotId());
    if (id === undefined) return this; // a lake from before snapshots: its plain paths
    if ((await readSnapshot(this.root, id)) === undefined) {
      throw new AppError('NOT_FOUND', `no snapshot ${id} in ${this.uri}: \`electrolake history\` lists them`);
    }
    return new LocalLake(this.uri, this.sourcesDir, id);
  }

  history(): Promise<SnapshotManifest[]> {
    return snapshotChain(this.root);
  }

  async vacuum(keep: number): Promise<string[]> {
    await this.removeLeftovers();
    const removed = toVacuum((await snapshotChain(this.root)).map((s) => s.run_id), keep);
    for (const id of removed) await rm(versionDir(this.root, id), { recursive: true, force: true });
    return removed;
  }

  async lock(options: LockOptions): Promise<WriterLock> {
    const lock = await acquireLock(localLockStore(join(this.root, '_lock.json')), options);
    await this.removeLeftovers();
    return lock;
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    const id = key === CURRENT_MANIFEST_KEY ? await this.snapshotId() : undefined;
    const text = id === undefined ? await this.readText(key) : await readFile(join(versionDir(this.root, id), MANIFEST_FILE), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async writeJson(key: string, value: unknown): Promise<void> {
    await this.writeText(key, `${JSON.stringify(value, null, 2)}\n`);
  }

  async readText(key: string): Promise<string | undefined> {
    return readFile(join(this.root, key), 'utf8').catch(() => undefined);
  }

  async writeText(key: string, text: string): Promise<void> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeAtomically(path, text, new CommitSteps(false), key).catch((error: unknown) => {
      throw new AppError('IO', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`, { cause: error });
    });
  }

  async listKeys(prefix: string): Promise<string[]> {
    const entries = await readdir(join(this.root, prefix)).catch(() => [] as string[]);
    return entries.map((e) => `${prefix.replace(/\/$/, '')}/${e}`).sort();
  }

  async stagePart(key: string): Promise<TableWrite> {
    const path = stagedPartPath(join(this.root, key));
    await mkdir(dirname(path), { recursive: true });
    await rm(path, { recursive: true, force: true });
    return { path };
  }

  /** One rename: a reader of the parts directory sees the whole part or none (the staged name starts with a dot, which readers skip). */
  async commitPart(key: string): Promise<void> {
    const path = join(this.root, key);
    await rm(path, { recursive: true, force: true });
    await rename(stagedPartPath(path), path);
  }

  async partsPath(prefix: string): Promise<string> {
    const path = join(this.root, prefix);
    await mkdir(path, { recursive: true });
    return path;
  }

  /** Where a table of the snapshot read is: in its version, else (a lake from before snapshots) the plain path. */
  private async readPath(layer: Layer, table: string): Promise<string> {
    if (layer === 'sources') return join(resolve(this.sourcesDir), tableFile(layer, table));
    const id = await this.snapshotId();
    const dir = id === undefined ? this.root : versionDir(this.root, id);
    return join(dir, layer, tableFile(layer, table));
  }

  private async snapshotNote(): Promise<string> {
    const id = await this.snapshotId();
    return id === undefined ? '' : ` (snapshot ${id})`;
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** A part's name while it is written: hidden (leading dot), so no reader of the directory takes it. */
function stagedPartPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.staged`);
}
