import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import { sqlString } from '../engines/dialect.ts';
import { openEngine } from '../engines/registry.ts';
import { isAlive } from '../lake/pid.ts';
import { publicationOf, type PublishInput, type PublishTarget } from './publish.ts';
import { quote, SERVED, servedSelect, totalOrder } from './served.ts';
import type { PublishedTable } from './store.ts';
import { stopwatch } from '../core/stopwatch.ts';

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

  /**
   * Reads gold through the Engine, as the MongoDB publisher does (views
   * `gold_<table>` over the lake's Parquet), and writes the served tables
   * into the new database file attached to it.
   */
  private async build(path: string, input: PublishInput): Promise<PublishedTable[]> {
    const engine = await openEngine('duckdb');
    const target = (table: string) => `${TARGET}.${quote(table)}`;
    try {
      for (const table of GOLD_TABLES) await engine.registerView(goldView(table), { format: 'parquet', path: input.sources[table] });
      await engine.query(`ATTACH ${sqlString(path)} AS ${TARGET}`);
      const tables: PublishedTable[] = [];
      for (const table of GOLD_TABLES) {
        const watch = stopwatch();
        const order = totalOrder(table, undefined).map((k) => `${quote(k.field)} ${k.direction}`).join(', ');
        await engine.query(`CREATE TABLE ${target(table)} AS ${servedSelect(table, goldView)} ORDER BY ${order}`);
        const [counted] = await engine.query(`SELECT count(*) AS n FROM ${target(table)}`);
        const rows = Number(counted?.['n'] ?? 0);
        tables.push({ table, collection: SERVED[table].collection, rows });
        input.progress(`${table}: ${rows.toLocaleString('en-US')} rows (${watch.text(2)})`);
      }
      // `/scores/{id_client}` and `/clients/{id_client}` are point lookups (the client's rows and purchases).
      for (const table of ['client_scores', 'dim_clients', 'call_list'] as const) {
        await engine.query(`CREATE UNIQUE INDEX ${table}_id ON ${target(table)} (id_client)`);
      }
      await engine.query(`CREATE INDEX fact_achats_client ON ${target('fact_achats')} (id_client)`);
      const publication = publicationOf(input, tables);
      await engine.query(`CREATE TABLE ${target('_publication')} AS SELECT ${sqlString(JSON.stringify(publication))} AS publication`);
      // Detaching checkpoints the file: complete on disk before the rename.
      await engine.query(`DETACH ${TARGET}`);
      return tables;
    } finally {
      await engine.close();
    }
  }
}

/** The new database, attached under this name while it is written. */
const TARGET = 'publication';

function goldView(table: GoldTableName): string {
  return `gold_${table}`;
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
