import type { DuckDBConnection, DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import type { ColumnData, Engine, FileSource, Row } from '../engine.ts';
import { sqlString } from '../dialect.ts';
import { engineError, openDuckDb, parquetGlob, plainRows, runSql } from './database.ts';
import { duckdbDialect } from './dialect.ts';
import { loadRowsDuckDb } from './load-rows.ts';
import { PARQUET_OPTIONS } from './settings.ts';
import { registerSourceCsvDuckDb } from './source-csv.ts';

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
    const instance = await openDuckDb({ profile: 'pipeline', threads: options.threads, memoryLimit: options.memoryLimit });
    return new DuckDbEngine(instance, await instance.connect());
  }

  async query(sql: string): Promise<Row[]> {
    return plainRows(await this.run(sql));
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
      throw engineError(error);
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
    return `read_parquet(${sqlString(await parquetGlob(source.path))})`;
  }

  /** COPY of a table or parenthesised query; returns the rows written. */
  private async copyToParquet(relation: string, path: string): Promise<number> {
    const result = await this.run(`COPY ${relation} TO ${sqlString(path)} (FORMAT parquet, ${PARQUET_OPTIONS})`);
    return Number(result.getRows()[0]?.[0] ?? 0);
  }

  private run(sql: string): Promise<DuckDBResultReader> {
    return runSql(this.connection, sql);
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

function logicalType(duckdbType: string): string {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(duckdbType)) return 'integer';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(duckdbType)) return 'double';
  if (duckdbType === 'DATE') return 'date';
  if (duckdbType.startsWith('TIMESTAMP')) return 'timestamp';
  if (duckdbType === 'VARCHAR') return 'string';
  if (duckdbType === 'BOOLEAN') return 'boolean';
  return duckdbType.toLowerCase();
}
