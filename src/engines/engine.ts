import type { EngineName } from '../core/config.ts';
import type { Dialect } from './dialect.ts';

/**
 * Where SQL runs. The pipeline only talks to this interface (like kysely's
 * Driver): it never imports DuckDB or Spark. Implementations:
 * `engines/duckdb` (embedded, default) and `engines/spark` (Spark Connect).
 */
export type Row = Record<string, unknown>;

/**
 * How an engine reaches lake files: `local` paths on this machine, or `s3a`
 * URIs it reads and writes itself. A lake hands each engine paths of a kind
 * it can use (an S3 lake stages files locally for a `local`-only engine).
 */
export type FileAccess = 'local' | 's3a';

/** The columns `registerSourceCsv` adds: each record's position in the file, and the text of a record the CSV reader cannot parse. */
export const SOURCE_ROW = '_source_row';
export const MALFORMED_TEXT = '_malformed_text';

export interface FileSource {
  format: 'csv' | 'parquet';
  /** A file, or a directory of Parquet parts (what Spark writes). */
  path: string;
}

/**
 * A column of rows computed outside the engine (model scores), handed to
 * `loadRows` column by column: typed arrays from the math pass through
 * without building one object per row. `integer` is 64-bit, `double` 64-bit
 * floating point; `values` are numbers (strings for `string`) or null.
 */
export interface ColumnData {
  name: string;
  type: 'integer' | 'double' | 'string';
  values: ArrayLike<number | string | null>;
}

export interface Engine {
  readonly name: EngineName;
  readonly dialect: Dialect;
  readonly access: readonly FileAccess[];

  /**
   * Runs a query and returns plain rows. Values are normalised so both
   * engines return the same thing: integers and decimals as `number`
   * (64-bit integers beyond 2^53 as `bigint`), DATE as `'YYYY-MM-DD'`,
   * TIMESTAMP as an ISO-8601 string, NULL as `null`.
   */
  query(sql: string): Promise<Row[]>;

  /**
   * Makes a file visible to SQL under `name`. CSV: header row, comma
   * separator, every column a string (bronze keeps raw text).
   */
  registerView(name: string, source: FileSource): Promise<void>;

  /**
   * Makes a source CSV file visible to SQL under `name` as bronze reads it,
   * with the engine's own handling of malformed records: every column of
   * the header a string, plus \`_source_row\` (1 = the first record after
   * the header; every record counted, parsed or not) and
   * \`_malformed_text\`: the text of a record the CSV reader cannot parse
   * (wrong field count, unterminated quote, bytes that are not UTF-8), whose
   * other columns are then null; null for every other record. `release(name)`
   * frees it.
   */
  registerSourceCsv(name: string, path: string): Promise<void>;

  /** Evaluates `sql` once and keeps the result under `name` for later statements. */
  materialize(name: string, sql: string): Promise<void>;

  /**
   * Frees what `materialize` kept under `name` (the name is gone). Stages
   * release their intermediate results when done with them: a Spark server
   * otherwise keeps every one in its heap until the session ends.
   */
  release(name: string): Promise<void>;

  /**
   * Keeps rows computed in this process as a table `name` for later
   * statements (replacing any previous one), like `materialize` for data
   * that does not come from SQL. Every column has the same length.
   */
  loadRows(name: string, columns: readonly ColumnData[]): Promise<void>;

  /** Writes the result of `sql` as Parquet at `path` (file or directory of parts). */
  writeParquet(sql: string, path: string): Promise<void>;

  /**
   * Writes the result of `sql` as Parquet at `path`, keeps the written rows
   * readable as `view` for later statements, and returns how many rows it
   * wrote. How the rows are kept is the engine's choice: DuckDB keeps them in
   * a temp table (no re-reading of the file, no count query), Spark reads
   * the written parts back.
   */
  writeAndKeep(sql: string, path: string, view: string): Promise<number>;

  /**
   * The columns of a view or table with their logical type (`integer` for
   * any integer width, `double` for floating point and decimals, `date`,
   * `timestamp`, `string`, `boolean`; anything else as the engine names it).
   */
  describe(view: string): Promise<{ name: string; type: string }[]>;

  /** A short version string for manifests and benchmarks, e.g. `duckdb 1.5.6`. */
  version(): Promise<string>;

  close(): Promise<void>;
}
