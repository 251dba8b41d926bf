import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors.ts';

const WHY: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

/**
 * Fails with one clear `IO` line when files cannot be written in `dir`
 * (created if missing): a read-only lake says read-only, not what the
 * first failing call happened to report (Node's recursive mkdir answers
 * ENOENT on a read-only file system, so the nearest existing folder is
 * probed for the real reason).
 */
export async function assertWritableDir(dir: string, what: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await probe(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? await reasonAbove(dir) : (error as NodeJS.ErrnoException).code;
    const why = code === undefined ? String(error) : `${WHY[code] ?? code} (${code})`;
    throw new AppError('IO', `cannot write ${what} in ${dir}: ${why}`, { cause: error });
  }
}

async function probe(dir: string): Promise<void> {
  const path = join(dir, `.probe-${process.pid}`);
  await writeFile(path, '');
  await rm(path, { force: true });
}

/** Why a folder cannot be made under its nearest existing ancestor. */
async function reasonAbove(dir: string): Promise<string | undefined> {
  let parent = dirname(dir);
  while (parent !== dirname(parent) && (await stat(parent).catch(() => undefined)) === undefined) parent = dirname(parent);
  try {
    await probe(parent);
    return 'ENOENT';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}
