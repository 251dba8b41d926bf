import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../core/errors.ts';
import type { LockStore } from '../lock.ts';

/**
 * A lock file. It is written whole under a temporary name and `link`ed to
 * its place: link fails with EEXIST when the lock exists (like O_EXCL) and,
 * unlike a create-then-write, no reader ever sees it empty.
 */
export function localLockStore(path: string): LockStore {
  const temp = (tag: string) => `${path}.${tag}-${process.pid}`;
  return {
    where: path,
    async create(text) {
      await mkdir(dirname(path), { recursive: true }).catch(() => {});
      const staged = temp('new');
      try {
        await writeFile(staged, text);
        await link(staged, path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw new AppError('IO', `cannot take the lake's lock ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      } finally {
        await rm(staged, { force: true });
      }
    },
    async read() {
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const info = await stat(path).catch(() => undefined);
      return text === undefined || info === undefined ? undefined : { text, token: text };
    },
    // Moves the stale lock aside (only one taker's rename finds it), checks
    // that it moved the stale one and not a lock just taken by someone else
    // (then puts that back), and creates ours.
    async replace(token, text) {
      const aside = temp('stale');
      if (!(await rename(path, aside).then(() => true, () => false))) return false;
      const moved = await readFile(aside, 'utf8').catch(() => '');
      if (moved !== token) {
        await link(aside, path).catch(() => {});
        await rm(aside, { force: true });
        return false;
      }
      await rm(aside, { force: true });
      return this.create(text);
    },
    async remove() {
      await rm(path, { force: true });
    },
  };
}
