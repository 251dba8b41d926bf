import { isAbsolute, resolve } from 'node:path';
import { sparkRemote } from '../../core/config.ts';
import type { ColumnData, Engine, FileSource, Row } from '../engine.ts';
import { batchRows } from './connect/arrow.ts';
import { SparkConnectClient } from './connect/client.ts';
import { sparkDialect, sparkLiteral } from './dialect.ts';
import { loadRowsSpark } from './load-rows.ts';
import { s3aSessionConf } from './s3a.ts';
import { registerSourceCsvSpark } from './source-csv.ts';

/**
 * Session settings every run needs, whatever the server's defaults: UTC so
 * dates and timestamps never shift with a cluster's zone, and standard
 * double-quoted identifiers ("date") so stage SQL written for DuckDB means
 * the same thing here (by default Spark reads "date" as a string literal).
 */
const SESSION_CONF: Record<string, string> = {
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.ansi.doubleQuotedIdentifiers': 'true',
};

/**
 * Parquet as the pipeline writes it (Hadoop settings passed as writer
 * options): zstd level 1, as DuckDB writes it, rather than parquet-mr's
 * level 3: cheaper writes for files about 2 % larger.
 */
const PARQUET_WRITE_OPTIONS: Record<string, string> = {
  compression: 'zstd',
  'parquet.compression.codec.zstd.level': '1',
};

/**
 * The Spark engine: SQL runs in a Spark Connect server (local or a cluster),
 * in a session of its own; results stream back as Arrow batches.
 */
export class SparkEngine implements Engine {
  readonly name = 'spark' as const;
  readonly dialect = sparkDialect;
  readonly access = ['local', 's3a'] as const;

  /** The checkpoint behind each materialized name, freed when the name is reused. */
  private readonly checkpoints = new Map<string, string>();

  private constructor(private readonly client: SparkConnectClient) {}

  /** Connects and prepares a session; fails with UNAVAILABLE when no server answers. */
  static async connect(remote: string): Promise<SparkEngine> {
    const client = new SparkConnectClient(remote);
    try {
      for (const [key, value] of Object.entries({ ...SESSION_CONF, ...s3aSessionConf() })) await client.command(`SET ${key}=${value}`);
    } catch (error) {
      await client.close();
      throw error;
    }
    return new SparkEngine(client);
  }

  async query(sql: string): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const batch of this.client.queryBatches(sql)) {
      for (const row of batchRows(batch)) rows.push(row);
    }
    return rows;
  }

  async registerView(name: string, source: FileSource): Promise<void> {
    const options: Record<string, string> =
      source.format === 'csv'
        ? // Bronze keeps raw text: no schema inference, so every column is a
          // string. RFC 4180 quoting ("" inside quotes, not Spark's default
          // backslash), and multiLine so quoted newlines work and the file is
          // one partition read in order (fileRowNumber relies on it).
          { header: 'true', inferSchema: 'false', sep: ',', quote: '"', escape: '"', multiLine: 'true', encoding: 'UTF-8' }
        : {};
    options['path'] = sparkPath(source.path);
    const list = Object.entries(options)
      .map(([key, value]) => `${key} ${sparkLiteral(value)}`)
      .join(', ');
    await this.client.command(
      `CREATE OR REPLACE TEMPORARY VIEW ${this.dialect.quote(name)} USING ${source.format} OPTIONS (${list})`,
    );
  }

  /** See source-csv.ts: PERMISSIVE mode, the header read by Spark first. */
  async registerSourceCsv(name: string, path: string): Promise<void> {
    await registerSourceCsvSpark(
      {
        command: (sql) => this.client.command(sql),
        headerColumns: async (file) => {
          await this.registerView(`${name}_header`, { format: 'csv', path: file });
          return (await this.describe(this.dialect.quote(`${name}_header`))).map((c) => c.name);
        },
      },
      name,
      sparkPath(path),
    );
  }

  /**
   * Evaluates `sql` exactly once (a local checkpoint kept in memory, spilling
   * to disk) and names the rows with a temp view. Not CACHE TABLE: Spark
   * re-analyses a SQL view on every use, so a cached view with rand() or
   * current_timestamp() misses its cache and is recomputed with new values.
   */
  async materialize(name: string, sql: string): Promise<void> {
    const relationId = await this.client.checkpoint(sql);
    await this.client.createView(name, relationId);
    const previous = this.checkpoints.get(name);
    this.checkpoints.set(name, relationId);
    if (previous !== undefined) await this.client.dropCheckpoint(previous);
  }

  /** Drops the view and the rows behind it (Spark frees the blocks of an unreferenced checkpoint). */
  async release(name: string): Promise<void> {
    const relationId = this.checkpoints.get(name);
    await this.client.command(`DROP VIEW IF EXISTS ${this.dialect.quote(name)}`);
    if (relationId === undefined) return;
    this.checkpoints.delete(name);
    await this.client.dropCheckpoint(relationId);
  }

  /** Rows from this process as a LocalRelation (Arrow IPC); see load-rows.ts. */
  async loadRows(name: string, columns: readonly ColumnData[]): Promise<void> {
    await loadRowsSpark(this.client, name, columns, (view, sql) => this.materialize(view, sql));
  }

  /** Spark's own writer: `path` becomes a directory of part files (replaced if it exists). */
  async writeParquet(sql: string, path: string): Promise<void> {
    await this.client.write(sql, {
      source: 'parquet',
      path: sparkPath(path),
      mode: 'SAVE_MODE_OVERWRITE',
      options: PARQUET_WRITE_OPTIONS,
    });
  }

  /** Written first, then read back (the files, not the query, are what later stages see) and counted. */
  async writeAndKeep(sql: string, path: string, view: string): Promise<number> {
    await this.writeParquet(sql, path);
    await this.registerView(view, { format: 'parquet', path });
    const [row] = await this.query(`SELECT count(*) AS n FROM ${this.dialect.quote(view)}`);
    return Number(row?.['n'] ?? 0);
  }

  async describe(view: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.query(`DESCRIBE ${view}`);
    // Partitioned tables add "# Partition Information" sections after the columns.
    const end = rows.findIndex((r) => String(r['col_name'] ?? '').startsWith('#') || r['col_name'] === '');
    return (end < 0 ? rows : rows.slice(0, end)).map((r) => ({
      name: String(r['col_name']),
      type: logicalType(String(r['data_type'])),
    }));
  }

  async version(): Promise<string> {
    const [row] = await this.query('SELECT version() AS v');
    // "4.2.1 <git hash>": the release is enough for manifests.
    return `spark ${String(row?.['v'] ?? '?').split(' ')[0]}`;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Local paths are made absolute: the server resolves relative ones against
 * its own working directory, not ours. URIs (s3a://, file://) pass through.
 */
function sparkPath(path: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || isAbsolute(path) ? path : resolve(path);
}

/** Spark's type names (`bigint`, `decimal(10,2)`, `timestamp_ntz`...) as the Engine interface's logical types. */
function logicalType(sparkType: string): string {
  if (/^(tinyint|smallint|int|bigint)$/.test(sparkType)) return 'integer';
  if (/^(float|double|decimal)/.test(sparkType)) return 'double';
  if (sparkType.startsWith('timestamp')) return 'timestamp';
  return sparkType;
}

export function createSparkEngine(options: { remote?: string | undefined } = {}): Promise<SparkEngine> {
  return SparkEngine.connect(sparkRemote(options.remote));
}
