import { stat } from 'node:fs/promises';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { AppError, firstLine } from '../../core/errors.ts';
import { duckdbSettings, type DuckDbProfile, type DuckDbTuning } from './settings.ts';

/**
 * The one place that opens DuckDB (the pipeline engine, the embedded serving
 * store and, through the engine, the embedded publisher all come here): how
 * a database is configured (the profiles of `settings.ts`), how its errors
 * become AppErrors, and how its values become JavaScript values.
 */
export interface OpenOptions extends DuckDbTuning {
  /** A database file, or `:memory:` (default). */
  path?: string;
  profile: DuckDbProfile;
  readOnly?: boolean;
  /** The error when the database cannot be opened (default ENGINE). */
  openError?: (message: string, cause: unknown) => AppError;
}

export async function openDuckDb(options: OpenOptions): Promise<DuckDBInstance> {
  const path = options.path ?? ':memory:';
  const config = duckdbSettings(options.profile, options);
  if (options.readOnly) config['access_mode'] = 'READ_ONLY';
  try {
    return await DuckDBInstance.create(path, config);
  } catch (error) {
    const message = `cannot open DuckDB ${path}: ${errorLine(error)}`;
    throw options.openError ? options.openError(message, error) : new AppError('ENGINE', message, { cause: error });
  }
}

/** Runs a statement (with bound parameters); a DuckDB error becomes one AppError line, `what:` in front. */
export async function runSql(
  connection: DuckDBConnection,
  sql: string,
  params: readonly (string | number | boolean)[] = [],
  what = 'DuckDB',
): Promise<DuckDBResultReader> {
  try {
    return await connection.runAndReadAll(sql, params.length > 0 ? [...params] : undefined);
  } catch (error) {
    throw engineError(error, what);
  }
}

export function engineError(error: unknown, what = 'DuckDB'): AppError {
  if (error instanceof AppError) return error;
  return new AppError('ENGINE', `${what}: ${errorLine(error)}`, { cause: error });
}

function errorLine(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

/**
 * Rows as plain objects. The value policy, the same for every use: an
 * integer is a `number` when it is exact as one (every count, id and day
 * count of the lake), else it stays a `bigint`, never silently rounded; a
 * DATE is `'YYYY-MM-DD'`, a TIMESTAMP an ISO string; NULL is `null`.
 */
export function plainRows(result: DuckDBResultReader): Record<string, unknown>[] {
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => t.typeId);
  return result.getRowObjectsJS().map((raw) => {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      row[name] = plainValue(raw[name], types[i]);
    });
    return row;
  });
}

export function plainValue(value: unknown, type: DuckDBTypeId | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value instanceof Date) {
    return type === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  return value;
}

/** What `read_parquet` reads for a table: the file, or the parts of a directory (Spark writes a directory). */
export async function parquetGlob(path: string): Promise<string> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  return isDirectory ? `${path}/*.parquet` : path;
}
