import type { LandingLister } from './landing-lister.ts';
import { listLanding } from './landing.ts';
import { registeredAs } from './registry.ts';
import { listSourceObjects, openS3Landing, readCopied } from './s3-landing.ts';

/**
 * An S3 landing prefix, one ListObjectsV2 per poll: an object's version is
 * its size, ETag and LastModified, so a multipart upload (invisible until
 * complete) or a rewrite starts the settle interval again. The registry
 * knows the lake cache's copies (ingest reads those), so an object counts
 * as ingested when its copy is of this very object (same ETag and size)
 * and that copy is registered as it is.
 */
export function s3LandingLister(uri: string): LandingLister {
  const landing = openS3Landing(uri);
  return async (registered) => {
    const objects = await listSourceObjects(landing);
    const copied = await readCopied(landing.dir);
    const copies = objects.length === 0 ? [] : await listLanding(landing.dir).catch(() => []); // no copy before the first sync
    return objects.map(([name, object]) => {
      const copy = copies.find((c) => c.name === name);
      const copyIsCurrent = copied[name]?.etag === object.etag && copied[name].size === object.size;
      return {
        name,
        version: `${object.size}:${object.etag}:${object.lastModifiedMs}`,
        ingested: copyIsCurrent && copy !== undefined && registeredAs(registered, copy) !== undefined,
      };
    });
  };
}
