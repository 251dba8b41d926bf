import { DEFAULTS, lakeUri } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Lake } from './lake.ts';
import { LocalLake } from './local.ts';

export interface LakeOptions {
  lake?: string | undefined;
  /** Where the source CSVs are for a local lake (default `data/sources`). */
  sources?: string | undefined;
}

/** A lake from `--lake`, `LAKE_URI` or the default `data/lake`: `s3://…` or a local directory. */
export async function openLake(options: LakeOptions = {}): Promise<Lake> {
  const uri = lakeUri(options.lake);
  if (uri.startsWith('s3://')) {
    throw new AppError('BAD_INPUT', `S3 lakes are not available yet (${uri}); use a local directory`);
  }
  return new LocalLake(uri, options.sources ?? DEFAULTS.sources);
}
