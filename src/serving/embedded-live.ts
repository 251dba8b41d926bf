import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import { sqlString } from '../engines/dialect.ts';
import type { Lake } from '../lake/lake.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../pipeline/manifest.ts';
import { parquetGlob } from '../engines/duckdb/database.ts';
import { EmbeddedDb } from './embedded-db.ts';
import { quote, servedSelect, servedSources } from './served.ts';

/**
 * The embedded store before any publish: an in-memory DuckDB with one view
 * per served table over the lake's gold Parquet, read at each query. Tables
 * missing from the lake are left out (the store answers EMPTY for them).
 */
export async function openLiveViews(
  current: Lake,
): Promise<{ db: EmbeddedDb; tables: Set<GoldTableName>; manifest: RunManifest | undefined }> {
  const lake = await current.at(); // every view over one snapshot
  const manifest = await lake.readJson<RunManifest>(LATEST_RUN_KEY).catch(() => undefined);
  const db = await EmbeddedDb.open(':memory:');
  const gold = new Set<GoldTableName>();
  for (const table of GOLD_TABLES) {
    if (!(await lake.exists('gold', table).catch(() => false))) continue;
    const path = await parquetGlob((await lake.resolveRead('gold', table, ['local'])).path);
    await db.query(`CREATE VIEW ${quote(`gold_${table}`)} AS SELECT * FROM read_parquet(${sqlString(path)})`);
    gold.add(table);
  }
  const tables = new Set<GoldTableName>();
  for (const table of GOLD_TABLES) {
    if (!servedSources(table).every((t) => gold.has(t))) continue;
    await db.query(`CREATE VIEW ${quote(table)} AS ${servedSelect(table, (t) => quote(`gold_${t}`))}`);
    tables.add(table);
  }
  return { db, tables, manifest };
}
