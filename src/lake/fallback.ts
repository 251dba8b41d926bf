import { DEFAULTS, loadConfig } from '../core/config.ts';
import { toAppError } from '../core/errors.ts';
import type { Lake } from './lake.ts';
import { LocalLake } from './local/lake.ts';
import { isS3Uri, type LakeOptions } from './open.ts';

export interface LakeChoice {
  lake: Lake;
  used: 's3' | 'local';
  /** Why this lake: one line, also given to `log`. */
  reason: string;
}

/**
 * The seed's rule for readers (`publish`, `serve`): read the S3 lake first
 * and fall back to the local lake, saying which was used. S3 is tried when
 * the lake URI (`--lake`, `LAKE_URI`) is `s3://…`, or when none is given and
 * an S3 endpoint is configured (`AWS_ENDPOINT_URL[_S3]`, then `s3://`, the
 * seed's buckets). It is used when it answers and holds gold tables;
 * otherwise the local lake (the URI if local, else `data/lake`) is used.
 */
export async function openLakeWithFallback(options: LakeOptions & { log?: (line: string) => void } = {}): Promise<LakeChoice> {
  const log = options.log ?? (() => {});
  const { settings, origins } = loadConfig({ lake: options.lake, sources: options.sources });
  const uri = settings.lake;
  const explicitLocal = !isS3Uri(uri) && origins.lake.kind !== 'default';
  const s3Uri = isS3Uri(uri) ? uri : explicitLocal ? undefined : settings.awsEndpoint !== undefined ? 's3://' : undefined;
  const localUri = isS3Uri(uri) ? DEFAULTS.lake : uri;
  const local = (reason: string): LakeChoice => {
    log(`lake: ${reason}`);
    return { lake: new LocalLake(localUri, settings.sources), used: 'local', reason };
  };
  if (s3Uri === undefined) return local(`using the local lake ${localUri} (no S3 lake configured)`);

  try {
    const { openS3Lake } = await import('./s3/lake.ts');
    const lake = openS3Lake(s3Uri);
    const gold = await lake.list('gold');
    if (gold.length === 0) return local(`S3 lake ${s3Uri} has no gold tables; falling back to the local lake ${localUri}`);
    const reason = `using the S3 lake ${s3Uri} (${gold.length} gold tables)`;
    log(`lake: ${reason}`);
    return { lake, used: 's3', reason };
  } catch (error) {
    return local(`S3 lake ${s3Uri} not usable (${toAppError(error).message}); falling back to the local lake ${localUri}`);
  }
}
