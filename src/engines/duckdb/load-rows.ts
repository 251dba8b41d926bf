import { BIGINT, DOUBLE, DuckDBDataChunk, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnData } from '../engine.ts';
import { checkedRowCount } from '../load-rows.ts';
import { duckdbDialect } from './dialect.ts';

const TYPES: Record<ColumnData['type'], { sql: string; duckdb: DuckDBType }> = {
  integer: { sql: 'BIGINT', duckdb: BIGINT },
  double: { sql: 'DOUBLE', duckdb: DOUBLE },
  string: { sql: 'VARCHAR', duckdb: VARCHAR },
};

/**
 * Creates temp table `name` and fills it through DuckDB's appender, one data
 * chunk (DuckDB's vector size, 2048 rows) at a time: a few hundred native
 * calls for 400,000 rows, where a value-by-value append would make millions.
 */
export async function loadRowsDuckDb(connection: DuckDBConnection, name: string, columns: readonly ColumnData[]): Promise<void> {
  const rowCount = checkedRowCount(columns);
  const q = duckdbDialect.quote;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${q(name)} (${columns.map((c) => `${q(c.name)} ${TYPES[c.type].sql}`).join(', ')})`,
  );
  if (rowCount === 0 || columns.length === 0) return;
  // Temp tables live in the `temp` catalog, schema `main`.
  const appender = await connection.createAppender(name, 'main', 'temp');
  try {
    const chunkSize = 2048;
    const types = columns.map((c) => TYPES[c.type].duckdb);
    for (let start = 0; start < rowCount; start += chunkSize) {
      const size = Math.min(chunkSize, rowCount - start);
      const chunk = DuckDBDataChunk.create(types, size);
      columns.forEach((column, c) => chunk.setColumnValues(c, slice(column, start, size)));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** One chunk of a column as DuckDB values: BIGINT wants bigint, the rest pass as they are. */
function slice(column: ColumnData, start: number, size: number): DuckDBValue[] {
  const out = new Array<DuckDBValue>(size);
  for (let i = 0; i < size; i++) {
    const value = column.values[start + i] ?? null;
    out[i] = value !== null && column.type === 'integer' ? BigInt(value) : value;
  }
  return out;
}
