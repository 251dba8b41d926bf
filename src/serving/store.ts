import type { GoldTableName } from '../core/schema.ts';

/**
 * Where the API reads gold from. The API only talks to this interface;
 * implementations: `serving/embedded` (DuckDB, zero services, the default)
 * and `serving/mongo` (MongoDB through the official driver). Both pass the
 * same contract tests.
 *
 * Values come back as the pipeline's engines return them: integers and
 * doubles as numbers, DATE columns as `'YYYY-MM-DD'`, nulls as null, and
 * columns in the order of `GOLD_SCHEMA`.
 */
export type ServedRow = Record<string, unknown>;

/** `contains`: the text column holds the value as a substring (exact case; the API folds both sides beforehand). */
export type FilterOp = 'eq' | 'gte' | 'lte' | 'in' | 'contains';

export interface Filter {
  field: string;
  op: FilterOp;
  value: string | number | boolean | readonly (string | number)[];
}

export interface FindQuery {
  filters?: readonly Filter[];
  sort?: readonly { field: string; direction: 'asc' | 'desc' }[];
  limit?: number;
  offset?: number;
}

export interface FindResult {
  rows: ServedRow[];
  /** Rows matching the filters, before limit/offset. */
  total: number;
}

export interface PublishedTable {
  table: GoldTableName;
  collection: string;
  rows: number;
}

export interface PublishReport {
  store: 'embedded' | 'mongo';
  /** Where the gold was read from (lake URI) and where it went (database). */
  lake: string;
  target: string;
  run_id: string | null;
  as_of: string | null;
  tables: PublishedTable[];
  seconds: number;
}

/** What a store serves: for `meta.source`, `meta.as_of` and `/health`. */
export interface StoreInfo {
  kind: 'embedded' | 'mongo';
  /** Human-readable origin of the rows, e.g. `mongodb://…/gold_serving` or `embedded:data/lake/serving/gold.duckdb`. */
  source: string;
  /** The lake run that was published (null when unknown, e.g. nothing published yet). */
  run_id: string | null;
  as_of: string | null;
  published_at: string | null;
}

export interface ServingStore {
  readonly kind: 'embedded' | 'mongo';
  /** Rows of a gold table; throws AppError EMPTY when the table/collection is empty or missing, UNAVAILABLE when the store is down. */
  find(table: GoldTableName, query?: FindQuery): Promise<FindResult>;
  /** Cheap liveness check for `/health`. */
  ping(): Promise<void>;
  /** The publication being served; throws like `find` when the store is down. */
  info(): Promise<StoreInfo>;
  close(): Promise<void>;
}
