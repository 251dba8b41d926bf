import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every DuckDB setting electrolake relies on, in one place; `database.ts`
 * opens every database with one of these profiles.
 *
 * `pipeline` (a run, and a publish, which reads gold through the Engine):
 * - `memory_limit`: DuckDB's buffer pool. Bounded so a run spills to
 *   `temp_directory` instead of growing past what a laptop (or a shared
 *   2-core box) has: peak RSS stays under 1 GB at scale 100 (1M clients:
 *   0.79–0.87 GB with 400 MB, 0.89–0.97 GB with 500 MB, in the same time,
 *   alternating runs) and under 2 GB at scale 300; the process adds
 *   ~400 MB (Node, DuckDB's code, result buffers) to this figure.
 * - `temp_directory`: where the spill goes; per process, so parallel runs
 *   never share files.
 * - `preserve_insertion_order` (DuckDB's default, said out loud): bronze's
 *   `_source_row` is the row number in file order, and ordered gold tables
 *   keep their ORDER BY through a temp table into the Parquet file.
 *
 * `serving` (the embedded store, which lives beside the API for hours):
 * less memory and two threads, so a slow page leaves the API's other core
 * free on a 2-core box.
 */
export type DuckDbProfile = 'pipeline' | 'serving';

export interface DuckDbTuning {
  threads?: number | undefined;
  memoryLimit?: string | undefined;
}

export function duckdbSettings(profile: DuckDbProfile, tuning: DuckDbTuning = {}): Record<string, string> {
  const settings: Record<string, string> =
    profile === 'pipeline'
      ? {
          memory_limit: tuning.memoryLimit ?? '400MB',
          temp_directory: join(tmpdir(), `electrolake-duckdb-${process.pid}`),
          preserve_insertion_order: 'true',
        }
      : { memory_limit: tuning.memoryLimit ?? '512MB', threads: '2' };
  if (tuning.threads !== undefined) settings['threads'] = String(tuning.threads);
  return settings;
}

/**
 * Parquet written by the pipeline: zstd compresses these tables a third
 * smaller than snappy, and every reader (Spark, pyarrow, Polars) reads it.
 * Level 1 rather than the default 3: writes cost 7–18 % less CPU for files
 * 1–4 % larger (measured at scale 100 on client_scores and fact_achats).
 */
export const PARQUET_OPTIONS = 'COMPRESSION zstd, COMPRESSION_LEVEL 1';
