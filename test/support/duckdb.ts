import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import type { Row } from '../../src/engines/engine.ts';

/** Reads a Parquet file or directory into rows with a throwaway DuckDB. */
export async function readParquet(path: string, orderBy?: string): Promise<Row[]> {
  const engine = await DuckDbEngine.create();
  try {
    await engine.registerView('t', { format: 'parquet', path });
    return await engine.query(`SELECT * FROM t${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
  } finally {
    await engine.close();
  }
}
