import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createS3Client, describeEndpoint, type S3Settings } from './client.ts';
import { isNotFound, s3Error, s3ErrorCode } from './errors.ts';

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  /** When the object was last written (ms since epoch): a rewrite under the same size and a lagging ETag still shows. */
  lastModifiedMs: number;
}

/** Multipart part size: S3's minimum is 5 MiB; 8 MiB × 4 parts in flight bounds memory at 32 MiB per upload. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

/**
 * The few S3 operations the lake needs, each turning SDK errors into one
 * clear AppError that names the endpoint and what was being done. Files move
 * as streams (multipart upload, piped download): never a whole file in memory.
 */
export class S3Objects {
  readonly endpoint: string;
  private readonly client: S3Client;

  constructor(settings: S3Settings) {
    this.endpoint = describeEndpoint(settings);
    this.client = createS3Client(settings);
  }

  /** Lists one key, which checks the credentials, the bucket and the right to read it in one request. */
  async checkBucket(bucket: string): Promise<void> {
    await this.call(`listing bucket '${bucket}'`, bucket, () =>
      this.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 })));
  }

  /** Creates a bucket; one that already exists (and is ours) is fine. */
  async createBucket(bucket: string): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
      return 'created';
    } catch (error) {
      const code = s3ErrorCode(error);
      if (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') return 'exists';
      throw s3Error(error, { endpoint: this.endpoint, doing: `creating bucket '${bucket}'`, bucket });
    }
  }

  /** The object's size and ETag, or undefined when there is no such key. */
  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { key, size: r.ContentLength ?? 0, etag: r.ETag ?? '', lastModifiedMs: r.LastModified?.getTime() ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw s3Error(error, { endpoint: this.endpoint, doing: `reading s3://${bucket}/${key}`, bucket });
    }
  }

  async getText(bucket: string, key: string): Promise<string | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await r.Body?.transformToString('utf8')) ?? '';
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw s3Error(error, { endpoint: this.endpoint, doing: `reading s3://${bucket}/${key}`, bucket });
    }
  }

  /** A single PUT: S3 makes the new object visible whole, or not at all. */
  async putText(bucket: string, key: string, text: string, contentType = 'application/json'): Promise<void> {
    await this.call(`writing s3://${bucket}/${key}`, bucket, () =>
      this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType })));
  }

  /**
   * A conditional PUT: `{ ifNoneMatch: '*' }` creates the object only if
   * there is none, `{ ifMatch: etag }` replaces only that version of it.
   * False when the condition failed (412, or 409 for a concurrent one).
   */
  async putTextIf(bucket: string, key: string, text: string, condition: { ifMatch: string } | { ifNoneMatch: '*' }): Promise<boolean> {
    try {
      await this.client.send(new PutObjectCommand({
        Bucket: bucket, Key: key, Body: text, ContentType: 'application/json',
        ...('ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: condition.ifNoneMatch }),
      }));
      return true;
    } catch (error) {
      const code = s3ErrorCode(error);
      if (code === 'PreconditionFailed' || code === 'ConditionalRequestConflict') return false;
      throw s3Error(error, { endpoint: this.endpoint, doing: `writing s3://${bucket}/${key}`, bucket });
    }
  }

  /** An object's text and ETag, or undefined when there is no such key. */
  async getTextAndEtag(bucket: string, key: string): Promise<{ text: string; etag: string } | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { text: (await r.Body?.transformToString('utf8')) ?? '', etag: r.ETag ?? '' };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw s3Error(error, { endpoint: this.endpoint, doing: `reading s3://${bucket}/${key}`, bucket });
    }
  }

  /** Streams a local file up (multipart above one part); a failed upload is aborted, leaving no parts behind. */
  async upload(bucket: string, key: string, file: string): Promise<void> {
    await this.call(`uploading ${file} to s3://${bucket}/${key}`, bucket, async () => {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: bucket, Key: key, Body: createReadStream(file) },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      });
      await upload.done();
    });
  }

  /** Streams an object into `file` (through a temporary name, so a reader never sees half a file). */
  async download(bucket: string, key: string, file: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.part-${process.pid}`;
    try {
      await this.call(`downloading s3://${bucket}/${key}`, bucket, async () => {
        const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        await pipeline(r.Body as Readable, createWriteStream(temp));
      });
      await rename(temp, file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Server-side copy (up to 5 GB, S3's single-copy limit); readers of `to` see the old object or the new one. */
  async copy(bucket: string, from: string, to: string): Promise<string> {
    const r = await this.call(`copying s3://${bucket}/${from} to ${to}`, bucket, () =>
      this.client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${encodeKey(from)}` })));
    return r.CopyObjectResult?.ETag ?? '';
  }

  /** Objects under a prefix; with `delimiter`, also the "sub-directories" one level down. */
  async list(bucket: string, prefix: string, delimiter?: string): Promise<{ objects: ObjectInfo[]; prefixes: string[] }> {
    const objects: ObjectInfo[] = [];
    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(`listing s3://${bucket}/${prefix}`, bucket, () =>
        this.client.send(new ListObjectsV2Command({
          Bucket: bucket, Prefix: prefix, ContinuationToken: token, ...(delimiter === undefined ? {} : { Delimiter: delimiter }),
        })));
      for (const o of page.Contents ?? []) {
        if (o.Key !== undefined) objects.push({ key: o.Key, size: o.Size ?? 0, etag: o.ETag ?? '', lastModifiedMs: o.LastModified?.getTime() ?? 0 });
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix !== undefined) prefixes.push(p.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return { objects, prefixes };
  }

  async deleteKeys(bucket: string, keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
      await this.call(`deleting from s3://${bucket}`, bucket, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } })));
    }
  }

  /** Deletes every object whose key starts with `prefix`. */
  async deletePrefix(bucket: string, prefix: string): Promise<void> {
    const { objects } = await this.list(bucket, prefix);
    await this.deleteKeys(bucket, objects.map((o) => o.key));
  }

  private async call<T>(doing: string, bucket: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw s3Error(error, { endpoint: this.endpoint, doing, bucket });
    }
  }
}

/** CopySource is `bucket/key` URL-encoded, with the key's slashes kept. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
