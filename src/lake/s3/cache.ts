import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { partKeys, type LiveTable } from './live.ts';
import type { S3Objects } from './objects.ts';

/**
 * Local copies of lake objects for engines that only read local files
 * (DuckDB: its S3 extension cannot be downloaded here). A copy is keyed by
 * what identifies the object's content, the ETag of a file or the version
 * of a table of parts, so reading the same table again costs one HEAD and
 * no download; a newer version replaces the older copies of that table.
 */
export class ReadCache {
  constructor(
    private readonly root: string,
    private readonly objects: S3Objects,
  ) {}

  /** A local path holding the live table: the file, or a directory of its parts. */
  async fetch(live: LiveTable, fileName: string): Promise<string> {
    const tableDir = this.tableDir(live.bucket, live.keys.object);
    if (live.form === 'file') {
      const entry = etagEntry(live.etag);
      const file = join(tableDir, entry, fileName);
      if (!(await exists(file))) {
        await this.objects.download(live.bucket, live.keys.object, file);
        await evictOthers(tableDir, entry);
      }
      return file;
    }
    const dir = join(tableDir, live.pointer.version);
    if (await exists(dir)) return dir;
    // Parts land in a directory of our own, renamed into place once all are
    // there: another process never sees a version with parts missing.
    const temp = `${dir}.part-${process.pid}`;
    await rm(temp, { recursive: true, force: true });
    try {
      for (const key of partKeys(live.keys.home, live.pointer)) await this.objects.download(live.bucket, key, join(temp, basename(key)));
      await mkdir(temp, { recursive: true }); // a version with no parts is still a (empty) directory
      await rename(temp, dir).catch(async (error: unknown) => {
        if (!(await exists(dir))) throw error; // else another process finished first: same content
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    await evictOthers(tableDir, live.pointer.version);
    return dir;
  }

  /**
   * Keeps a one-file table just uploaded into `version` as the local copy
   * of that version (what `fetch` returns for a snapshot's table), so the
   * next read (the `check` after a `run`) downloads nothing.
   */
  async adoptVersion(bucket: string, key: string, version: string, fileName: string, localFile: string): Promise<void> {
    const tableDir = this.tableDir(bucket, key);
    const dir = join(tableDir, version);
    await mkdir(dir, { recursive: true });
    await rename(localFile, join(dir, fileName));
    await evictOthers(tableDir, version);
  }

  private tableDir(bucket: string, key: string): string {
    return join(this.root, bucket, ...key.split('/').filter((part) => part !== '' && part !== '..'));
  }
}

function etagEntry(etag: string): string {
  return `etag-${etag.replace(/[^A-Za-z0-9-]/g, '')}`;
}

async function evictOthers(tableDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(tableDir).catch(() => [] as string[])) {
    if (entry !== keep && !entry.includes('.part-')) await rm(join(tableDir, entry), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
