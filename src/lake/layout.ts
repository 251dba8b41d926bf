import type { Layer } from './lake.ts';

/** File name of a table in a layer: sources keep their own names (`achats.csv`), the other layers are Parquet. */
export function tableFile(layer: Layer, table: string): string {
  return layer === 'sources' ? table : `${table}.parquet`;
}

export const SOURCE_FILES = { clients: 'clients.csv', achats: 'achats.csv' } as const;
export type SourceName = keyof typeof SOURCE_FILES;

/** Where `electrolake bench --lake` stores its figures in a lake (served by `/benchmark`). */
export const BENCHMARK_KEY = '_metrics/benchmark.json';
