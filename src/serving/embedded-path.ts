import { join, resolve } from 'node:path';
import type { Lake } from '../lake/lake.ts';

/**
 * Where `publish` puts the embedded store's database: inside a local lake
 * (`<lake>/serving/gold.duckdb`, next to the gold it was built from), or in
 * `data/serving/` for an S3 lake, since DuckDB needs a local file to open.
 */
export function snapshotPath(lake: Lake): string {
  if (lake.kind === 'local') return join(resolve(lake.uri), 'serving', 'gold.duckdb');
  const name = lake.uri.replace(/^s3:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return resolve('data', 'serving', `${name}.duckdb`);
}
