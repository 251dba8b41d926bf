import { DataType, type Field, type RecordBatch, type Vector } from 'apache-arrow';
import type { Row } from '../../engine.ts';

/**
 * Arrow record batches to plain rows, normalised as the Engine interface
 * says so Spark and DuckDB results compare equal: DATE → 'YYYY-MM-DD',
 * TIMESTAMP → ISO-8601 (UTC; Spark's session time zone is UTC), DECIMAL and
 * 64-bit integers → number (bigint beyond 2^53), NULL → null.
 */
export function batchRows(batch: RecordBatch): Row[] {
  const fields = batch.schema.fields;
  const columns = fields.map((field, i) => columnValues(batch.getChildAt(i), field));
  const rows: Row[] = new Array<Row>(batch.numRows);
  for (let r = 0; r < batch.numRows; r++) {
    const row: Row = {};
    fields.forEach((field, c) => {
      row[field.name] = columns[c]?.[r] ?? null;
    });
    rows[r] = row;
  }
  return rows;
}

function columnValues(vector: Vector | null, field: Field): unknown[] {
  if (vector === null) return [];
  const values = new Array<unknown>(vector.length);
  for (let i = 0; i < vector.length; i++) values[i] = normalise(vector.get(i), field.type);
  return values;
}

export function normalise(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (DataType.isDate(type)) return new Date(toNumber(value)).toISOString().slice(0, 10);
  // apache-arrow already scales timestamps to epoch milliseconds.
  if (DataType.isTimestamp(type)) return new Date(toNumber(value)).toISOString();
  if (DataType.isDecimal(type)) return decimalToNumber(value as Uint32Array, type.scale);
  if (typeof value === 'bigint') return safeNumber(value);
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const child = type.children[0]?.type;
    return Array.from(value as Iterable<unknown>, (item) => (child ? normalise(item, child) : item));
  }
  if (DataType.isStruct(type)) {
    const struct = value as Record<string, unknown>;
    return Object.fromEntries(type.children.map((f) => [f.name, normalise(struct[f.name], f.type)]));
  }
  if (DataType.isMap(type)) {
    const valueType = type.children[0]?.type.children[1]?.type;
    const entries = (value as { toJSON(): Record<string, unknown> }).toJSON();
    return Object.fromEntries(
      Object.entries(entries).map(([k, v]) => [k, valueType ? normalise(v, valueType) : v]),
    );
  }
  return value;
}

function toNumber(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : (value as number);
}

function safeNumber(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * A two's-complement decimal (little-endian 32-bit words, four for Spark's
 * DECIMAL(38), as apache-arrow hands it) as the nearest double: the unscaled integer is
 * printed with the decimal point put back, then parsed, so no precision is
 * lost before the one unavoidable rounding to a double.
 */
export function decimalToNumber(words: Uint32Array, scale: number): number {
  let unscaled = 0n;
  for (let i = words.length - 1; i >= 0; i--) unscaled = (unscaled << 32n) | BigInt(words[i] ?? 0);
  const bits = BigInt(words.length * 32);
  if (unscaled >= 1n << (bits - 1n)) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return Number(negative ? `-${text}` : text);
}
