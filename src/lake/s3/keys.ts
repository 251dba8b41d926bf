import type { Layer } from '../lake.ts';
import { tableFile } from '../layout.ts';
import type { S3Place } from './location.ts';

/**
 * Object keys of a table in an S3 lake (docs/lake-s3.md, "Keys"):
 *
 *   <place><table>.parquet                        a one-file table (DuckDB): the live object
 *   <place><table>.parquet/_current.json          a table of parts (Spark): names the live version
 *   <place><table>.parquet/run=<run_id>/…         one run's version: parts, or the upload of a file
 *   <place>_staging/<run_id>.json                 a run in progress in this place (owner marker)
 */
export function tableKey(place: S3Place, layer: Layer, table: string): string {
  return `${place.prefix}${tableFile(layer, table)}`;
}

export function pointerKey(table: string): string {
  return `${table}/_current.json`;
}

/** The version directory name of a run, `run=<run_id>`. */
export function versionName(runId: string): string {
  return `run=${runId}`;
}

export function versionPrefix(table: string, version: string): string {
  return `${table}/${version}/`;
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
