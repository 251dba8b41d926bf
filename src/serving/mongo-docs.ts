import { Double, MongoError, MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError, type Document, type Filter as MongoFilter, type Sort } from 'mongodb';
import { AppError, firstLine } from '../core/errors.ts';
import type { ColumnType, GoldTableName } from '../core/schema.ts';
import { SERVED, totalOrder } from './served.ts';
import type { Filter, FindQuery, ServedRow } from './store.ts';

/**
 * Rows ↔ MongoDB documents for the served tables. Dates are BSON dates
 * (midnight UTC) so Metabase and Mongo queries see dates, and come back as
 * 'YYYY-MM-DD'; doubles are BSON doubles even when whole (100.0 stays a
 * double, so a field has one type); every column is present, null included.
 * A table with a one-column key uses it as `_id`: the `_id` index is
 * unique and always there, so the key needs no index of its own (building
 * one costs seconds per 100,000 documents), and re-publishing the same gold
 * gives the very same documents.
 */
export function toDocument(table: GoldTableName, row: Record<string, unknown>): Document {
  const { columns, id } = layout(table);
  const doc: Document = {};
  if (id !== undefined) doc['_id'] = null; // first field, set below
  for (const [name, type] of columns) {
    const value = row[name];
    if (value === null || value === undefined) doc[name] = null;
    else if (type === 'date') doc[name] = utcDate(String(value));
    else if (type === 'double') doc[name] = new Double(Number(value));
    else if (type === 'integer') doc[name] = Number(value);
    else doc[name] = value;
  }
  if (id !== undefined) doc['_id'] = doc[id];
  return doc;
}

/** Column names and types of a table, and its `_id` column: computed once, used for every row. */
const layouts = new Map<GoldTableName, { columns: [string, ColumnType][]; id: string | undefined }>();
function layout(table: GoldTableName) {
  let found = layouts.get(table);
  if (!found) {
    const key = SERVED[table].key;
    found = { columns: Object.entries(SERVED[table].columns), id: key.length === 1 ? key[0] : undefined };
    layouts.set(table, found);
  }
  return found;
}

/** 'YYYY-MM-DD' → midnight UTC, without going through the date-string parser. */
function utcDate(value: string): Date {
  return new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
}

/** Whether a table's key is its documents' `_id` (else it gets a unique index). */
export function keyIsId(table: GoldTableName): boolean {
  return SERVED[table].key.length === 1;
}

export function toRow(table: GoldTableName, doc: Document): ServedRow {
  const row: ServedRow = {};
  for (const [name] of layout(table).columns) {
    const value: unknown = doc[name];
    row[name] = value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
  }
  return row;
}

/** The document field for a column: a one-column key is read through `_id`, so lookups, ranges and sorts on it use the `_id` index. */
function fieldOf(table: GoldTableName, field: string): string {
  return keyIsId(table) && SERVED[table].key[0] === field ? '_id' : field;
}

export function mongoFilter(table: GoldTableName, filters: readonly Filter[]): MongoFilter<Document> {
  const columns = SERVED[table].columns;
  const value = (field: string, v: unknown): unknown => (columns[field] === 'date' ? utcDate(String(v)) : v);
  const filter: Record<string, Record<string, unknown>> = {};
  for (const f of filters) {
    const condition = (filter[fieldOf(table, f.field)] ??= {});
    if (f.op === 'eq') condition['$eq'] = value(f.field, f.value);
    else if (f.op === 'gte') condition['$gte'] = value(f.field, f.value);
    else if (f.op === 'lte') condition['$lte'] = value(f.field, f.value);
    else if (f.op === 'contains') condition['$regex'] = escapeRegex(String(f.value));
    else condition['$in'] = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => value(f.field, v));
  }
  // `{field: v}` rather than `{field: {$eq: v}}`: the same to MongoDB, but
  // mongo-java-server only uses an index for the plain form.
  const plain: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(filter)) {
    const ops = Object.keys(condition);
    plain[field] = ops.length === 1 && ops[0] === '$eq' ? condition['$eq'] : condition;
  }
  return plain;
}

/** A literal string as a regular expression matching itself. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function mongoSort(table: GoldTableName, query: FindQuery): Sort {
  return Object.fromEntries(totalOrder(table, query.sort).map((k) => [fieldOf(table, k.field), k.direction === 'asc' ? 1 : -1])) as Sort;
}

/** Driver errors → AppError: a server that does not answer is UNAVAILABLE (HTTP 503, exit 3). */
export function mongoError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoTopologyClosedError ||
    (error instanceof MongoError && /ECONNREFUSED|ECONNRESET|timed out|closed/i.test(message))
  ) {
    return new AppError('UNAVAILABLE', `MongoDB at ${where} did not answer: ${message}`, { cause: error });
  }
  return new AppError('ENGINE', `MongoDB at ${where}: ${message}`, { cause: error });
}

/** A connection string without its user and password, for messages and `meta.source`. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}
