import type { Layer } from '../lake.ts';
import { tableFile } from '../layout.ts';
import type { S3Place } from './location.ts';

/**
 * Object keys of a table in an S3 lake (docs/lake-s3.md, "Keys"):
 *
 *   <place><table>.parquet                               a one-file table (DuckDB): the live object
 *   <place>_versions/<table>.parquet/_current.json       a table of parts (Spark): names its live version
 *   <place>_versions/<table>.parquet/run-<run_id>/…      one run's version: parts, or the upload of a file
 *   <place>_staging/<run_id>.json                        a run in progress in this place (owner marker)
 *
 * Versions are not under the table's own key: Hadoop's S3A refuses to
 * write `x.parquet/…` where an object `x.parquet` exists (a file cannot be
 * a directory), and a table may go from one form to the other between runs.
 */
export interface TableKeys {
  /** The live object of a one-file table. */
  readonly object: string;
  /** Where the versions and the pointer of the table live (no trailing slash). */
  readonly home: string;
}

export function tableKeys(place: S3Place, layer: Layer, table: string): TableKeys {
  const file = tableFile(layer, table);
  return { object: `${place.prefix}${file}`, home: `${versionsPrefix(place)}${file}` };
}

/** The prefix under which every table of a place keeps its versions. */
export function versionsPrefix(place: S3Place): string {
  return `${place.prefix}_versions/`;
}

export function pointerKey(home: string): string {
  return `${home}/_current.json`;
}

/**
 * The version directory name of a run, `run-<run_id>`. Not `run=<id>`:
 * DuckDB (and other Hive-aware readers) would read that as a partition and
 * add a `run` column to the table.
 */
export function versionName(runId: string): string {
  return `run-${runId}`;
}

export function versionPrefix(home: string, version: string): string {
  return `${home}/${version}/`;
}

export function stagingPrefix(place: S3Place): string {
  return `${place.prefix}_staging/`;
}

export function markerKey(place: S3Place, runId: string): string {
  return `${stagingPrefix(place)}${runId}.json`;
}

/** Parquet part files of a writer's output; `_SUCCESS`, `.crc` and other hidden files are not data. */
export function isDataPart(name: string): boolean {
  return name.endsWith('.parquet') && !name.startsWith('_') && !name.startsWith('.');
}
