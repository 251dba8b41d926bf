import type { ColumnType, GoldTableName } from '../core/schema.ts';
import { SERVED } from '../serving/served.ts';

/** JSON schemas of what the API returns, from the served tables (the gold contract). */
export type JsonSchema = Record<string, unknown>;

const TYPES: Record<ColumnType, JsonSchema> = {
  integer: { type: 'integer' },
  double: { type: 'number' },
  date: { type: 'string', format: 'date' },
  string: { type: 'string' },
  boolean: { type: 'boolean' },
};

/** One row of a served table; key columns are never null. */
export function rowSchema(table: GoldTableName): JsonSchema {
  const served = SERVED[table];
  const properties = Object.fromEntries(
    Object.entries(served.columns).map(([name, type]) => {
      const base = TYPES[type];
      return [name, served.key.includes(name) ? base : { ...base, type: [base['type'], 'null'] }];
    }),
  );
  return { type: 'object', title: table, properties, required: Object.keys(served.columns) };
}

export function rowsSchema(table: GoldTableName): JsonSchema {
  return { type: 'array', items: rowSchema(table) };
}

export const META_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['query_ms', 'count', 'as_of', 'source'],
  properties: {
    query_ms: { type: 'number', description: 'time spent reading the store, in milliseconds' },
    count: { type: 'integer', description: 'rows matching the query, before paging (for all but /scores: the rows in data)' },
    as_of: { type: ['string', 'null'], format: 'date', description: 'as_of of the published run' },
    source: { type: 'string', description: 'the store the data comes from' },
  },
};

export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ['BAD_INPUT', 'NOT_FOUND', 'EMPTY', 'UNAVAILABLE', 'INTERNAL', 'ENGINE', 'IO', 'CHECK_FAILED'] },
        message: { type: 'string' },
        details: { type: 'object', description: 'e.g. the bad parameter: {"parameter": "limit", "value": "0", "issue": "…"}' },
      },
    },
  },
};

/** Some columns of a served table's row, as an object schema. */
export function pickSchema(table: GoldTableName, fields: readonly string[], title: string): JsonSchema {
  const properties = (rowSchema(table)['properties'] ?? {}) as Record<string, JsonSchema>;
  return { type: 'object', title, properties: Object.fromEntries(fields.map((f) => [f, properties[f]])), required: [...fields] };
}

/** Keeps `fields` of a row, in that order. */
export function pick(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
}
