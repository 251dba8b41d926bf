import { isS3Uri } from '../lake/open.ts';
import { listLanding } from './landing.ts';
import { registeredAs, type IngestedFile } from './registry.ts';

/** A source file of the landing as `watch` sees it at one poll. */
export interface WatchedFile {
  name: string;
  /** Changes whenever the file may have: size and modification time, and for an S3 object its ETag too. */
  version: string;
  /** In the registry as it is now: nothing to ingest. */
  ingested: boolean;
}

/**
 * One look at a landing (a folder or an S3 prefix), compared with the
 * registry's files: the only thing `watch` needs to know about where the
 * files land, so its stability check is the same for both.
 */
export type LandingLister = (registered: readonly IngestedFile[]) => Promise<WatchedFile[]>;

export async function landingLister(from: string): Promise<LandingLister> {
  if (!isS3Uri(from)) return folderLister(from);
  // Loaded only for S3 landings: watching a folder never loads the AWS SDK.
  const { s3LandingLister } = await import('./s3-landing-lister.ts');
  return s3LandingLister(from);
}

/** A local folder: readdir + stat (listLanding), a file's version its size and modification time. */
function folderLister(dir: string): LandingLister {
  return async (registered) =>
    (await listLanding(dir)).map((f) => ({ name: f.name, version: `${f.size}:${f.mtimeMs}`, ingested: registeredAs(registered, f) !== undefined }));
}
