import { AppError } from '../../core/errors.ts';
import type { LockStore } from '../lock.ts';
import type { S3Objects } from './objects.ts';

/**
 * A lock object, created with `If-None-Match: *` (only one creator wins)
 * and taken over from a dead holder with `If-Match: <its ETag>` (only one
 * taker wins). Needs a server with conditional writes (AWS S3, MinIO).
 */
export function s3LockStore(objects: S3Objects, bucket: string, key: string): LockStore {
  return {
    where: `s3://${bucket}/${key}`,
    async create(text) {
      return objects.putTextIf(bucket, key, text, { ifNoneMatch: '*' });
    },
    async read() {
      const found = await objects.getTextAndEtag(bucket, key);
      if (found !== undefined && found.etag === '') throw new AppError('IO', `s3://${bucket}/${key} has no ETag: the server cannot hold a lock`);
      return found === undefined ? undefined : { text: found.text, token: found.etag };
    },
    async replace(token, text) {
      return objects.putTextIf(bucket, key, text, { ifMatch: token });
    },
    async remove() {
      await objects.deleteKeys(bucket, [key]);
    },
  };
}
