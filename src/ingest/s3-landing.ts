import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { settings } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import { s3Settings } from '../lake/s3/client.ts';
import { endpointDir } from '../lake/s3/lake.ts';
import { S3Objects, type ObjectInfo } from '../lake/s3/objects.ts';
import { sourceOfFile } from './registry.ts';

/** What the local copy of a landing prefix holds: per file name, the object it was downloaded from. */
type CopiedObjects = Record<string, { etag: string; size: number }>;
const COPIED = '.landing.json';

/** An S3 landing prefix, the client that reads it, and the lake cache's folder that holds its copy. */
export interface S3Landing {
  uri: string;
  bucket: string;
  prefix: string;
  objects: S3Objects;
  /** Where `syncS3Landing` copies the prefix's source files. */
  dir: string;
}

export function openS3Landing(uri: string): S3Landing {
  const { bucket, prefix } = parseLandingUri(uri);
  const objects = new S3Objects(s3Settings());
  const dir = join(settings().lakeCacheDir, 'landing', endpointDir(objects.endpoint), bucket, ...prefix.split('/').filter((p) => p !== '' && p !== '..'));
  return { uri, bucket, prefix, objects, dir };
}

/** The source files right under the prefix (`clients*.csv` / `achats*.csv`, also `.gz`), by file name. */
export async function listSourceObjects(landing: S3Landing): Promise<[string, ObjectInfo][]> {
  return (await landing.objects.list(landing.bucket, landing.prefix, '/')).objects
    .map((o): [string, ObjectInfo] => [posix.basename(o.key), o])
    .filter(([name]) => sourceOfFile(name) !== undefined);
}

/**
 * Brings the source files of an S3 landing prefix (`s3://bucket/prefix/`,
 * the files right under it matching `clients*.csv` / `achats*.csv`, also
 * `.gz`) into a local folder of the lake cache, and returns that folder:
 * ingest then reads it as any landing folder. A file is downloaded only
 * when its ETag or size changed, so an unchanged object keeps the name,
 * size and modification time the registry knows and is not even hashed;
 * a file gone from the bucket is gone from the copy.
 */
export async function syncS3Landing(uri: string, log: (line: string) => void): Promise<string> {
  const landing = openS3Landing(uri);
  const { objects, bucket, dir } = landing;
  await mkdir(dir, { recursive: true });
  const copied = await readCopied(dir);
  const listed = await listSourceObjects(landing);
  const next: CopiedObjects = {};
  let downloaded = 0;
  for (const [name, object] of listed) {
    const known = copied[name];
    if (known?.etag !== object.etag || known.size !== object.size) {
      await objects.download(bucket, object.key, join(dir, name));
      downloaded += 1;
    }
    next[name] = { etag: object.etag, size: object.size };
  }
  for (const name of Object.keys(copied)) if (next[name] === undefined) await rm(join(dir, name), { force: true });
  await writeFile(join(dir, COPIED), `${JSON.stringify(next, null, 1)}\n`);
  log(`ingest  ${uri}: ${listed.length} source file(s), ${downloaded} downloaded to ${dir}`);
  return dir;
}

/** `s3://bucket[/prefix]` → the bucket and a prefix ending with `/` (or empty). */
function parseLandingUri(uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (!match) throw new AppError('BAD_INPUT', `not an S3 landing URI: ${uri} (expected s3://<bucket>[/<prefix>])`);
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1] ?? '', prefix: prefix === '' ? '' : `${prefix}/` };
}

/** The objects the copy in `dir` was downloaded from (none before the first sync). */
export async function readCopied(dir: string): Promise<CopiedObjects> {
  const text = await readFile(join(dir, COPIED), 'utf8').catch(() => undefined);
  return text === undefined ? {} : (JSON.parse(text) as CopiedObjects);
}
