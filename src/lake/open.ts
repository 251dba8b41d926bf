import { settings } from '../core/config.ts';
import type { Lake } from './lake.ts';
import { LocalLake } from './local/lake.ts';

export interface LakeOptions {
  lake?: string | undefined;
  /** Where the source CSVs are for a local lake (default `data/sources`); an S3 lake reads its sources layer. */
  sources?: string | undefined;
}

/** A lake from `--lake`, `LAKE_URI` or the default `data/lake`: `s3://…` or a local directory. */
export async function openLake(options: LakeOptions = {}): Promise<Lake> {
  const { lake: uri, sources } = settings({ lake: options.lake, sources: options.sources });
  if (isS3Uri(uri)) {
    // Loaded only for S3 lakes: a local run never loads the AWS SDK.
    const { openS3Lake } = await import('./s3/lake.ts');
    return openS3Lake(uri);
  }
  return new LocalLake(uri, sources);
}

export function isS3Uri(uri: string): boolean {
  return uri.startsWith('s3://');
}
