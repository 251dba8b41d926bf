import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../core/errors.ts';
import type { SourceName } from '../lake/layout.ts';
import { dateInName, sourceOfFile } from './registry.ts';

/** A source file found in the landing folder. */
export interface LandedFile {
  name: string;
  source: SourceName;
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * The source files of a landing folder (`clients*.csv`, `achats*.csv`, also
 * `.gz`), in the order they are ingested: by the date in their name (files
 * without one first), clients before purchases of the same day (a purchase
 * needs its client), then by name.
 */
export async function listLanding(dir: string): Promise<LandedFile[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new AppError(error.code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read the landing folder ${dir}: ${error.code ?? error.message}`);
  });
  const files: LandedFile[] = [];
  for (const name of names) {
    const source = sourceOfFile(name);
    if (source === undefined) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() !== true) continue;
    files.push({ name, source, path, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
  }
  const order = (f: LandedFile): string => `${dateInName(f.name) ?? ''}|${f.source === 'clients' ? 0 : 1}|${f.name}`;
  return files.sort((a, b) => order(a).localeCompare(order(b)));
}

/** The SHA-256 of a file's bytes (as landed, compressed or not), streamed. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * The file as plain CSV for checking and reading: itself, or for `.gz` a
 * decompressed temporary copy, removed by `done`.
 */
export async function plainCsv(file: LandedFile): Promise<{ path: string; done: () => Promise<void> }> {
  if (!file.name.endsWith('.gz')) return { path: file.path, done: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'electrolake-ingest-'));
  const path = join(dir, file.name.slice(0, -'.gz'.length));
  const done = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(createReadStream(file.path), createGunzip(), createWriteStream(path));
  } catch (error) {
    await done();
    throw new AppError('BAD_INPUT', `${file.name} is not a readable gzip file: ${(error as Error).message}`);
  }
  return { path, done };
}
