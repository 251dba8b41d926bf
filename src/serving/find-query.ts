import { AppError } from '../core/errors.ts';
import type { GoldTableName } from '../core/schema.ts';
import { SERVED } from './served.ts';
import type { FindQuery } from './store.ts';

/**
 * Checks a query against the served columns before a store turns it into
 * SQL or a Mongo filter: field names are never taken from a request as they
 * are, and limits are sane. The API validates its parameters first; this is
 * the store's own guard.
 */
export function checkQuery(table: GoldTableName, query: FindQuery): void {
  const columns = SERVED[table].columns;
  const fields = [...(query.filters ?? []).map((f) => f.field), ...(query.sort ?? []).map((s) => s.field)];
  for (const field of fields) {
    if (!Object.hasOwn(columns, field)) {
      throw new AppError('BAD_INPUT', `unknown field '${field}' for ${table}`, { details: { field, table } });
    }
  }
  for (const [name, value] of [['limit', query.limit], ['offset', query.offset]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new AppError('BAD_INPUT', `${name} must be a non-negative integer`, { details: { parameter: name } });
    }
  }
}

/** Whether a query pages through rows (so the total count needs its own answer). */
export function isPaged(query: FindQuery): boolean {
  return query.limit !== undefined || (query.offset ?? 0) > 0;
}

/** The error of a query stopped by its signal: over the time limit, or its client gone. */
export function stopped(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  const timeout = reason instanceof Error && reason.name === 'TimeoutError';
  return new AppError('UNAVAILABLE', timeout ? 'the query took longer than the time limit: narrow it or retry' : 'the query was cancelled', { cause: reason });
}
