import type { Lake } from '../lake/lake.ts';
import type { SourceName } from '../lake/layout.ts';

/**
 * The landing registry, `_ingest/registry.json` in the lake (written
 * through the Lake, so local and S3 alike): every file ever ingested, in
 * the order it was ingested. `seq` orders versions across files: for the
 * same purchase or client, the row of the higher `seq` wins in silver.
 */
export interface IngestedFile {
  seq: number;
  source: SourceName;
  /** The file's name in the landing folder (`achats_2025-12-01.csv`), `_source_file` in bronze. */
  name: string;
  size: number;
  /** Modification time when ingested: a file with the same name, size and time is not read again. */
  mtime_ms: number;
  sha256: string;
  rows: number;
  ingested_at: string;
  /** The export's day, from a `_YYYY-MM-DD` in its name; else the day it was ingested. */
  file_date: string;
  /** 1 for the first file of that name, then 2, 3… for new content under a known name. */
  version: number;
  /** The part's key in the lake. */
  part: string;
}

export interface Registry {
  files: IngestedFile[];
}

export const REGISTRY_KEY = '_ingest/registry.json';
/** Where the parts of a source are: one Parquet file per ingested file. */
export const partsPrefix = (source: SourceName): string => `_ingest/parts/${source}`;
export const partKey = (source: SourceName, seq: number): string => `${partsPrefix(source)}/${String(seq).padStart(6, '0')}.parquet`;

export async function readRegistry(lake: Lake): Promise<Registry> {
  return (await lake.readJson<Registry>(REGISTRY_KEY)) ?? { files: [] };
}

/** One atomic write of the whole registry (a small document: one line per file). The caller holds the writer lock. */
export async function writeRegistry(lake: Lake, registry: Registry): Promise<void> {
  await lake.writeJson(REGISTRY_KEY, registry);
}

/** The registry's entry for a landing file as it is now (same name, size and modification time), if any: such a file is not read again. */
export function registeredAs(files: readonly IngestedFile[], file: { name: string; size: number; mtimeMs: number }): IngestedFile | undefined {
  return files.find((f) => f.name === file.name && f.size === file.size && f.mtime_ms === file.mtimeMs);
}

/** The landing-folder names a source is read from: `clients*.csv`, `achats*.csv`, also gzipped. */
export function sourceOfFile(name: string): SourceName | undefined {
  const match = /^(clients|achats)[^/]*\.csv(\.gz)?$/.exec(name);
  return match ? (match[1] as SourceName) : undefined;
}

/** `2025-12-01` from `achats_2025-12-01.csv`. */
export function dateInName(name: string): string | undefined {
  return /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1];
}
