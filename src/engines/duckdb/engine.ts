import { stat } from 'node:fs/promises';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { AppError, firstLine } from '../../core/errors.ts';
import type { ColumnData, Engine, FileSource, Row } from '../engine.ts';
import { sqlString } from '../dialect.ts';
import { duckdbDialect } from './dialect.ts';
import { loadRowsDuckDb } from './load-rows.ts';
import { registerSourceCsvDuckDb } from './source-csv.ts';
import { duckdbSettings, PARQUET_OPTIONS } from './settings.ts';

/** The embedded default: DuckDB in this process, reading and writing local files. */
export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;
  readonly dialect = duckdbDialect;
  readonly access = ['local'] as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async create(options: { threads?: number; memoryLimit?: string } = {}): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:', duckdbSettings(options));
    return new DuckDbEngine(instance, await instance.connect());
  }

  async query(sql: string): Promise<Row[]> {
    return normaliseRows(await this.run(sql));
  }

  async registerView(name: string, source: FileSource): Promise<void> {
    await this.run(`CREATE OR REPLACE VIEW ${name} AS SELECT * FROM ${await this.reader(source)}`);
  }

  async registerSourceCsv(name: string, path: string): Promise<void> {
    await registerSourceCsvDuckDb(this, name, path, await csvColumns(this, path));
  }

  async materialize(name: string, sql: string): Promise<void> {
    await this.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`);
  }

  async loadRows(name: string, columns: readonly ColumnData[]): Promise<void> {
    try {
      await loadRowsDuckDb(this.connection, name, columns);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('ENGINE', `DuckDB: ${firstLine(error instanceof Error ? error.message : String(error))}`, { cause: error });
    }
  }

  async release(name: string): Promise<void> {
    await this.run(`DROP TABLE IF EXISTS ${name}`);
  }

  async writeParquet(sql: string, path: string): Promise<void> {
    await this.copyToParquet(`(${sql})`, path);
  }

  /**
   * Written, then read back from the file: DuckDB decodes Parquet faster
   * than it builds a temp table (measured: a temp table of the same rows
   * costs half a Parquet write more), and the row count comes with the COPY.
   */
  async writeAndKeep(sql: string, path: string, view: string): Promise<number> {
    const rows = await this.copyToParquet(`(${sql})`, path);
    await this.registerView(view, { format: 'parquet', path });
    return rows;
  }

  async describe(view: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.query(`DESCRIBE ${view}`);
    return rows.map((r) => ({ name: String(r['column_name']), type: logicalType(String(r['column_type'])) }));
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    return `duckdb ${String(row?.['v'] ?? '?')}`;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async reader(source: FileSource): Promise<string> {
    if (source.format === 'csv') {
      // Bronze keeps raw text: every column VARCHAR, no type sniffing.
      return `read_csv(${sqlString(source.path)}, header = true, delim = ',', quote = '"', all_varchar = true, auto_detect = false, columns = ${await csvColumns(this, source.path)})`;
    }
    const isDirectory = (await stat(source.path).catch(() => undefined))?.isDirectory() ?? false;
    const glob = isDirectory ? `${source.path}/*.parquet` : source.path;
    return `read_parquet(${sqlString(glob)})`;
  }

  /** COPY of a table or parenthesised query; returns the rows written. */
  private async copyToParquet(relation: string, path: string): Promise<number> {
    const result = await this.run(`COPY ${relation} TO ${sqlString(path)} (FORMAT parquet, ${PARQUET_OPTIONS})`);
    return Number(result.getRows()[0]?.[0] ?? 0);
  }

  private async run(sql: string): Promise<DuckDBResultReader> {
    try {
      return await this.connection.runAndReadAll(sql);
    } catch (error) {
      throw new AppError('ENGINE', `DuckDB: ${firstLine(error instanceof Error ? error.message : String(error))}`, {
        cause: error,
      });
    }
  }
}

/** The header of a CSV file as a DuckDB `columns = {...}` struct of VARCHARs (a malformed record in the sample does not stop it: the reader sets it aside). */
async function csvColumns(engine: DuckDbEngine, path: string): Promise<string> {
  const rows = await engine.query(
    `SELECT Columns FROM sniff_csv(${sqlString(path)}, header = true, delim = ',', all_varchar = true, sample_size = 1, ignore_errors = true)`,
  );
  const columns = (rows[0]?.['Columns'] as { name: string }[] | undefined) ?? [];
  return `{${columns.map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ')}}`;
}

function normaliseRows(result: DuckDBResultReader): Row[] {
  const names = result.columnNames();
  const types = result.columnTypes().map((t) => t.typeId);
  return result.getRowObjectsJS().map((raw) => {
    const row: Row = {};
    names.forEach((name, i) => {
      row[name] = normaliseValue(raw[name], types[i]);
    });
    return row;
  });
}

function normaliseValue(value: unknown, type: DuckDBTypeId | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value instanceof Date) {
    return type === DuckDBTypeId.DATE ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  return value;
}

function logicalType(duckdbType: string): string {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(duckdbType)) return 'integer';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(duckdbType)) return 'double';
  if (duckdbType === 'DATE') return 'date';
  if (duckdbType.startsWith('TIMESTAMP')) return 'timestamp';
  if (duckdbType === 'VARCHAR') return 'string';
  if (duckdbType === 'BOOLEAN') return 'boolean';
  return duckdbType.toLowerCase();
}
