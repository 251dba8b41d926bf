import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { FileAccess } from '../../engines/engine.ts';
import type { S3Place } from './location.ts';
import type { S3Objects } from './objects.ts';

/**
 * Ingested parts on S3 (see Lake.stagePart): written locally, uploaded in
 * one PUT by `commit` (an object appears whole), under the lake's
 * documents place. Parts never change once written, so a local-only engine
 * reads a local mirror that downloads only the parts it does not have.
 */
export class S3Parts {
  constructor(
    private readonly objects: S3Objects,
    private readonly place: S3Place,
    /** Where parts are written before upload and mirrored for reading. */
    private readonly localRoot: string,
  ) {}

  async stage(key: string): Promise<string> {
    const path = resolve(this.localRoot, 'staged-parts', key);
    await mkdir(dirname(path), { recursive: true });
    await rm(path, { recursive: true, force: true });
    return path;
  }

  async commit(key: string): Promise<void> {
    const path = resolve(this.localRoot, 'staged-parts', key);
    await this.objects.upload(this.place.bucket, `${this.place.prefix}${key}`, path);
    // Kept as the mirror's copy: the next run reads it without downloading.
    const mirrored = this.mirrorPath(key);
    await mkdir(dirname(mirrored), { recursive: true });
    await rm(mirrored, { force: true });
    await rename(path, mirrored);
  }

  async path(prefix: string, access: readonly FileAccess[]): Promise<string> {
    const remote = `${this.place.prefix}${prefix.replace(/\/?$/, '/')}`;
    if (access.includes('s3a')) return `s3a://${this.place.bucket}/${remote}`;
    const dir = this.mirrorPath(prefix);
    await mkdir(dir, { recursive: true });
    const have = new Set(await readdir(dir));
    const { objects } = await this.objects.list(this.place.bucket, remote, '/');
    for (const object of objects) {
      const name = object.key.slice(remote.length);
      if (name.startsWith('.') || have.has(name)) continue;
      await this.objects.download(this.place.bucket, object.key, join(dir, name));
    }
    return dir;
  }

  private mirrorPath(key: string): string {
    return resolve(this.localRoot, 'parts', this.place.bucket, this.place.prefix, key);
  }
}
