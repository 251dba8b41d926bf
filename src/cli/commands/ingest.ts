import { openEngine } from '../../engines/registry.ts';
import { ingestLanding, type IngestSummary } from '../../ingest/ingest.ts';
import { isS3Uri, openLake } from '../../lake/open.ts';
import { progress } from '../progress.ts';

export interface IngestCommandOptions {
  /** A landing folder or `s3://bucket/prefix`; default: the lake's sources (its --sources folder, or an S3 lake's sources layer). */
  from?: string | undefined;
  lake?: string | undefined;
  wait?: number | undefined;
  /** Only these file names (see ingestLanding). */
  only?: readonly string[] | undefined;
}

export default async function ingest(options: IngestCommandOptions): Promise<void> {
  const summary = await ingestInto(options, progress());
  const rows = summary.ingested.reduce((n, f) => n + f.rows, 0);
  process.stdout.write(
    `ingested ${summary.ingested.length} file${summary.ingested.length === 1 ? '' : 's'} (${rows.toLocaleString('en')} rows)` +
      `, ${summary.skipped.length} already ingested` +
      (summary.newVersions.length > 0 ? `, ${summary.newVersions.length} new version${summary.newVersions.length === 1 ? '' : 's'} of known files` : '') +
      '\n',
  );
}

/**
 * Ingests the landing folder under the lake's writer lock (ingest and run
 * never write at once). The parts are plain CSV → Parquet conversions, done
 * by the embedded DuckDB whatever engine runs the pipeline: a nightly file
 * is small, and every engine reads the parts.
 */
export async function ingestInto(options: IngestCommandOptions, log: (line: string) => void): Promise<IngestSummary> {
  const lake = await openLake({ lake: options.lake });
  await lake.ensureWritable();
  const lock = await lake.lock({ waitSeconds: options.wait ?? 0, command: 'ingest', log });
  try {
    const engine = await openEngine('duckdb');
    try {
      return await ingestLanding(lake, engine, await landingFolder(options.from ?? lake.sources, log), log, options.only);
    } finally {
      await engine.close();
    }
  } finally {
    await lock.release();
  }
}

/** A local folder holding the landing's files: the folder itself, or for `s3://…` the lake cache's copy of that prefix. */
async function landingFolder(from: string, log: (line: string) => void): Promise<string> {
  if (!isS3Uri(from)) return from;
  // Loaded only for S3 landings: a local ingest never loads the AWS SDK.
  const { syncS3Landing } = await import('../../ingest/s3-landing.ts');
  return syncS3Landing(from, log);
}
