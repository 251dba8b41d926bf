import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { SOURCE_FILES } from '../layout.ts';
import { s3Settings } from './client.ts';
import { tableKeys } from './keys.ts';
import { parseS3Uri } from './location.ts';
import { S3Objects } from './objects.ts';

export interface InitReport {
  buckets: { name: string; state: 'created' | 'exists' }[];
  uploaded: { file: string; to: string; bytes: number }[];
}

/**
 * What the seed's `minio-setup` does, plus the sources: creates the lake's
 * buckets (idempotent) and uploads `clients.csv` and `achats.csv` from
 * `sourcesDir` to the sources layer, streamed.
 */
export async function initS3Lake(uri: string, sourcesDir: string, log: (line: string) => void = () => {}): Promise<InitReport> {
  const location = parseS3Uri(uri);
  const files = Object.values(SOURCE_FILES);
  // Every source must be there before anything is created or uploaded.
  const sizes = new Map<string, number>();
  for (const file of files) {
    const info = await stat(join(sourcesDir, file)).catch(() => undefined);
    if (!info?.isFile()) {
      throw new AppError('NOT_FOUND', `${join(sourcesDir, file)} not found: write the sources with \`electrolake generate\` or pass --sources`);
    }
    sizes.set(file, info.size);
  }
  const objects = new S3Objects(s3Settings());
  const report: InitReport = { buckets: [], uploaded: [] };
  for (const name of location.buckets) {
    const state = await objects.createBucket(name);
    report.buckets.push({ name, state });
    log(`bucket ${name}: ${state === 'created' ? 'created' : 'already there'}`);
  }
  const place = location.place('sources');
  for (const file of files) {
    const key = tableKeys(place, 'sources', file).object;
    await objects.upload(place.bucket, key, join(sourcesDir, file));
    const to = `s3://${place.bucket}/${key}`;
    report.uploaded.push({ file, to, bytes: sizes.get(file) ?? 0 });
    log(`uploaded ${join(sourcesDir, file)} → ${to}`);
  }
  return report;
}
