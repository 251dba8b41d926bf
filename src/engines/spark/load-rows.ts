import { Float64, Int64, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { ColumnData } from '../engine.ts';
import { checkedRowCount } from '../load-rows.ts';
import type { SparkConnectClient } from './connect/client.ts';
import type { Plan } from './connect/messages.ts';
import { sparkDialect } from './dialect.ts';

/**
 * Spark Connect caps one inbound message (spark.connect.grpc.maxInboundMessageSize,
 * 128 MiB by default) and PySpark moves local data above 64 MiB to the
 * artifact cache. Parts of at most 16 MiB of Arrow data stay far below both.
 */
const PART_BYTES = 16 * 1024 * 1024;

const SQL_TYPES: Record<ColumnData['type'], string> = { integer: 'BIGINT', double: 'DOUBLE', string: 'STRING' };

/**
 * Sends rows to the Spark session as a `LocalRelation` (an Arrow IPC stream
 * built with apache-arrow, as PySpark's `createDataFrame` does) and names
 * it with a temp view. Large inputs go as several parts, each its own
 * relation, which `materialize` then unions into one table under `name`.
 */
export async function loadRowsSpark(
  client: SparkConnectClient,
  name: string,
  columns: readonly ColumnData[],
  materialize: (name: string, sql: string) => Promise<void>,
): Promise<void> {
  const rowCount = checkedRowCount(columns);
  const q = sparkDialect.quote;
  const schema = columns.map((c) => `${q(c.name)} ${SQL_TYPES[c.type]}`).join(', ');
  const bytesPerRow = Math.max(1, columns.reduce((sum, c) => sum + (c.type === 'string' ? 32 : 8), 0));
  const rowsPerPart = Math.max(1, Math.floor(PART_BYTES / bytesPerRow));
  const parts = Math.max(1, Math.ceil(rowCount / rowsPerPart));

  if (parts === 1) {
    await createLocalView(client, name, arrowStream(columns, 0, rowCount), schema);
    return;
  }
  const partNames = Array.from({ length: parts }, (_, i) => `${name}__part${i}`);
  for (const [i, partName] of partNames.entries()) {
    const start = i * rowsPerPart;
    await createLocalView(client, partName, arrowStream(columns, start, Math.min(rowCount, start + rowsPerPart)), schema);
  }
  await materialize(name, partNames.map((p) => `SELECT * FROM ${q(p)}`).join(' UNION ALL '));
  for (const partName of partNames) await client.command(`DROP VIEW IF EXISTS ${q(partName)}`);
}

async function createLocalView(client: SparkConnectClient, name: string, data: Uint8Array, schema: string): Promise<void> {
  const plan: Plan = {
    command: { createDataframeView: { input: { localRelation: { data, schema } }, name, isGlobal: false, replace: true } },
  };
  for await (const response of client.execute(plan)) void response;
}

/** Rows [start, end) as one Arrow IPC stream (schema + one record batch). */
export function arrowStream(columns: readonly ColumnData[], start: number, end: number): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) vectors[column.name] = arrowVector(column, start, end);
  return tableToIPC(new Table(vectors), 'stream');
}

function arrowVector(column: ColumnData, start: number, end: number): Vector {
  const values: (number | bigint | string | null)[] = [];
  for (let i = start; i < end; i++) {
    const value = column.values[i] ?? null;
    values.push(value !== null && column.type === 'integer' ? BigInt(value) : value);
  }
  const type: DataType = column.type === 'integer' ? new Int64() : column.type === 'double' ? new Float64() : new Utf8();
  return vectorFromArray(values, type);
}
