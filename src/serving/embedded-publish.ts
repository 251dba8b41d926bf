import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AppError, firstLine } from '../core/errors.ts';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import { sqlString } from '../engines/dialect.ts';
import { isAlive } from '../lake/pid.ts';
import { publicationOf, type PublishInput, type PublishTarget } from './publish.ts';
import { parquetGlob } from './embedded-path.ts';
import { quote, SERVED, servedSelect, totalOrder } from './served.ts';
import type { PublishedTable } from './store.ts';

/**
 * Publishes gold into the embedded store's database file (a DuckDB file,
 * see `embedded.ts` for why a file). The new database is written to a
 * temporary file next to the live one and renamed over it once complete:
 * a reader has the old file open (its inode stays valid) or opens the new
 * one, never a half-written one; a killed publish leaves only a temporary
 * file, removed by the next publish.
 */
export class EmbeddedPublisher implements PublishTarget {
  readonly kind = 'embedded' as const;

  constructor(readonly target: string) {}

  async publish(input: PublishInput): Promise<PublishedTable[]> {
    await mkdir(dirname(this.target), { recursive: true });
    await removeAbandoned(this.target);
    const temp = `${this.target}.tmp-${process.pid}`;
    await rm(temp, { force: true });
    try {
      const tables = await this.build(temp, input);
      await input.beforeSwap();
      await rename(temp, this.target);
      return tables;
    } finally {
      await rm(temp, { force: true });
      await rm(`${temp}.wal`, { force: true });
    }
  }

  async close(): Promise<void> {}

  private async build(path: string, input: PublishInput): Promise<PublishedTable[]> {
    const instance = await DuckDBInstance.create(path, { threads: '2', memory_limit: '1500MB' });
    const connection = await instance.connect();
    const run = async (sql: string) => {
      try {
        return await connection.runAndReadAll(sql);
      } catch (error) {
        throw new AppError('ENGINE', `DuckDB: ${firstLine(error instanceof Error ? error.message : String(error))}`, { cause: error });
      }
    };
    try {
      for (const table of GOLD_TABLES) {
        await run(`CREATE TEMP VIEW ${quote(`gold_${table}`)} AS SELECT * FROM read_parquet(${sqlString(await parquetGlob(input.sources[table]))})`);
      }
      const tables: PublishedTable[] = [];
      for (const table of GOLD_TABLES) {
        const started = performance.now();
        const order = totalOrder(table, undefined).map((k) => `${quote(k.field)} ${k.direction}`).join(', ');
        await run(`CREATE TABLE ${quote(table)} AS ${servedSelect(table, goldView)} ORDER BY ${order}`);
        const rows = Number((await run(`SELECT count(*) FROM ${quote(table)}`)).getRows()[0]?.[0] ?? 0);
        tables.push({ table, collection: SERVED[table].collection, rows });
        input.progress(`${table}: ${rows.toLocaleString('en-US')} rows (${seconds(started)}s)`);
      }
      // `/scores/{id_client}` and `/clients/{id_client}` are point lookups (the client's rows and purchases).
      for (const table of ['client_scores', 'dim_clients', 'call_list'] as const) {
        await run(`CREATE UNIQUE INDEX ${table}_id ON ${quote(table)} (id_client)`);
      }
      await run('CREATE INDEX fact_achats_client ON fact_achats (id_client)');
      const publication = publicationOf(input, tables);
      await run(`CREATE TABLE _publication AS SELECT ${sqlString(JSON.stringify(publication))} AS publication`);
      await run('CHECKPOINT');
      return tables;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }
}

function goldView(table: GoldTableName): string {
  return quote(`gold_${table}`);
}

/** Temporary files of publishes whose process is gone (killed half way). */
async function removeAbandoned(target: string): Promise<void> {
  const prefix = `${basename(target)}.tmp-`;
  for (const name of await readdir(dirname(target))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(join(dirname(target), name), { force: true });
  }
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(2);
}
