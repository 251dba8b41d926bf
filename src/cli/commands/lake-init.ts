import { settings } from '../../core/config.ts';
import { isS3Uri, openLake } from '../../lake/open.ts';
import { progress } from '../progress.ts';

/**
 * `electrolake lake init`: what the seed's `minio-setup` does (create the
 * buckets), plus the upload of the sources a run on an S3 lake reads. A
 * local lake reads its sources from `--sources` directly: only its directory
 * is created.
 */
export default async function lakeInit(options: { lake?: string; sources?: string }): Promise<void> {
  const { lake: uri, sources } = settings({ lake: options.lake, sources: options.sources });
  if (!isS3Uri(uri)) {
    const lake = await openLake({ lake: uri, sources });
    await lake.ensureWritable();
    process.stdout.write(`local lake ${uri} is ready; runs read their sources from ${sources} (nothing to upload)\n`);
    return;
  }
  const { initS3Lake } = await import('../../lake/s3/init.ts');
  const report = await initS3Lake(uri, sources, progress());
  const created = report.buckets.filter((b) => b.state === 'created').length;
  const bytes = report.uploaded.reduce((sum, u) => sum + u.bytes, 0);
  process.stdout.write(
    `lake ${uri}: ${report.buckets.length} bucket(s) (${created} created), ` +
      `${report.uploaded.length} source file(s) uploaded (${(bytes / 1e6).toFixed(1)} MB)\n`,
  );
}
