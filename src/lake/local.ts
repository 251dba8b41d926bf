import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../core/errors.ts';
import type { FileAccess } from '../engines/engine.ts';
import type { Lake, Layer, TableWrite } from './lake.ts';
import { tableFile } from './layout.ts';
import { isAlive } from './pid.ts';

/**
 * A lake in a local directory. Tables are written under `.staging/<run>/`
 * and moved into place with `rename`, so a reader (or a run killed half
 * way) only ever sees a whole previous table or a whole new one.
 */
export class LocalLake implements Lake {
  readonly kind = 'local' as const;
  private readonly root: string;
  private readonly staged = new Map<string, { layer: Layer; table: string; path: string }[]>();

  constructor(
    readonly uri: string,
    private readonly sourcesDir: string,
  ) {
    this.root = resolve(uri);
  }

  /** Fails early, with one clear line, when the lake directory cannot be written. */
  async ensureWritable(): Promise<void> {
    await this.removeLeftovers();
    try {
      await mkdir(join(this.root, '.staging'), { recursive: true });
      const probe = join(this.root, '.staging', `.probe-${process.pid}`);
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      throw new AppError('IO', `cannot write to the lake at ${this.uri}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }

  /**
   * Drops what killed runs left in `.staging/` and `.trash/`: a run writes
   * its pid there, and a directory whose process is gone is garbage.
   */
  private async removeLeftovers(): Promise<void> {
    for (const area of ['.staging', '.trash']) {
      for (const runId of await readdir(join(this.root, area)).catch(() => [] as string[])) {
        const pid = Number(await readFile(join(this.root, '.staging', runId, '.pid'), 'utf8').catch(() => 'NaN'));
        if (Number.isInteger(pid) && isAlive(pid)) continue;
        await rm(join(this.root, area, runId), { recursive: true, force: true });
      }
    }
  }

  async resolveRead(layer: Layer, table: string, _access: readonly FileAccess[]): Promise<string> {
    const path = this.livePath(layer, table);
    if (!(await exists(path))) {
      throw new AppError('NOT_FOUND', `${layer}/${tableFile(layer, table)} not found in ${this.uri}`);
    }
    return path;
  }

  async exists(layer: Layer, table: string): Promise<boolean> {
    return exists(this.livePath(layer, table));
  }

  async list(layer: Layer): Promise<string[]> {
    const entries = await readdir(this.layerDir(layer)).catch(() => [] as string[]);
    return entries.filter((e) => e.endsWith('.parquet')).map((e) => e.slice(0, -'.parquet'.length)).sort();
  }

  async stageWrite(layer: Layer, table: string, runId: string, _access: readonly FileAccess[]): Promise<TableWrite> {
    const path = join(this.root, '.staging', runId, layer, tableFile(layer, table));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(join(this.root, '.staging', runId, '.pid'), String(process.pid));
    await rm(path, { recursive: true, force: true });
    const writes = this.staged.get(runId) ?? [];
    writes.push({ layer, table, path });
    this.staged.set(runId, writes);
    return { path };
  }

  async commitWrites(runId: string): Promise<void> {
    for (const write of this.staged.get(runId) ?? []) {
      const target = this.livePath(write.layer, write.table);
      await mkdir(dirname(target), { recursive: true });
      const replacingDirectory = (await isDirectory(write.path)) || (await isDirectory(target));
      if (!replacingDirectory) {
        await rename(write.path, target); // atomic replace of one file
        continue;
      }
      // A directory of parts cannot be swapped in one rename: move the old
      // one aside first, then drop it once the new one is in place.
      const aside = join(this.root, '.trash', runId, write.layer, tableFile(write.layer, write.table));
      await mkdir(dirname(aside), { recursive: true });
      if (await exists(target)) await rename(target, aside);
      await rename(write.path, target);
      await rm(aside, { recursive: true, force: true });
    }
    await this.abortWrites(runId);
  }

  async abortWrites(runId: string): Promise<void> {
    this.staged.delete(runId);
    await rm(join(this.root, '.staging', runId), { recursive: true, force: true });
    await rm(join(this.root, '.trash', runId), { recursive: true, force: true });
  }

  async readJson<T>(key: string): Promise<T | undefined> {
    const text = await readFile(join(this.root, key), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async writeJson(key: string, value: unknown): Promise<void> {
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.tmp-${process.pid}`;
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
    await rename(temp, path);
  }

  async listKeys(prefix: string): Promise<string[]> {
    const entries = await readdir(join(this.root, prefix)).catch(() => [] as string[]);
    return entries.map((e) => `${prefix.replace(/\/$/, '')}/${e}`).sort();
  }

  private layerDir(layer: Layer): string {
    return layer === 'sources' ? resolve(this.sourcesDir) : join(this.root, layer);
  }

  private livePath(layer: Layer, table: string): string {
    return join(this.layerDir(layer), tableFile(layer, table));
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
