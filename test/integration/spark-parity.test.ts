/**
 * Spark and DuckDB on the same dirty sources, each through the real command
 * line: every bronze, silver, quarantine and gold table holds the same rows
 * (sorted by key; doubles within 1e-9 relative, since the engines add in
 * different orders), and the manifests agree. Needs a real Spark Connect
 * server (scripts/services/spark.sh, or SPARK_REMOTE); nothing is skipped.
 * The sources hold malformed lines (ragged, truncated last line): the
 * bronze and quarantine comparisons cover both engines' reject handling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkRemote } from '../../src/core/config.ts';
import { GOLD_SCHEMA, GOLD_TABLES } from '../../src/core/schema.ts';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import type { Row } from '../../src/engines/engine.ts';
import { createSparkEngine } from '../../src/engines/spark/engine.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, tempDir } from '../support/cli.ts';
import { addMalformedRecords } from '../support/malformed-sources.ts';
import { sameValue } from '../support/same-value.ts';

const ENGINES = ['duckdb', 'spark'] as const;
type EngineName = (typeof ENGINES)[number];

const dir = tempDir('electrolake-parity-');
const sources = join(dir, 'sources');
const lakes: Record<EngineName, string> = { duckdb: join(dir, 'lake-duckdb'), spark: join(dir, 'lake-spark') };
const manifests = {} as Record<EngineName, RunManifest>;
/** Reads both lakes' Parquet (a file from DuckDB, a directory of parts from Spark). */
let reader: DuckDbEngine | undefined;

/** Why the lakes could not be built: every test fails with it (a failed beforeAll would only mark them skipped). */
let setupError: Error | undefined;

beforeAll(async () => {
  try {
    await buildLakes();
  } catch (error) {
    setupError = error instanceof Error ? error : new Error(String(error));
  }
});

async function buildLakes(): Promise<void> {
  const remote = sparkRemote();
  try {
    await (await createSparkEngine({ remote })).close();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Spark Connect is not reachable at ${remote}: ${reason}\n  run: bash scripts/services/spark.sh start`, {
      cause: error,
    });
  }
  const generated = cli(['generate', '--scale', '0.5', '--seed', '11', '--dirty', '0.08', '--out', sources]);
  if (generated.status !== 0) throw new Error(`generate failed: ${generated.stderr}`);
  // Ragged lines in the middle and a truncated last line, beyond the
  // generator's own malformed rows: each engine's reject handling, one lake.
  addMalformedRecords(sources);
  for (const engine of ENGINES) {
    const run = cli(['run', '--engine', engine, '--sources', sources, '--lake', lakes[engine], '--run-date', '2026-01-15']);
    if (run.status !== 0) throw new Error(`run --engine ${engine} failed: ${run.stderr}`);
    manifests[engine] = JSON.parse(readFileSync(join(lakes[engine], '_runs/latest.json'), 'utf8')) as RunManifest;
  }
  reader = await DuckDbEngine.create();
}

/** Both lakes, or the reason there are none. */
function built(): { reader: DuckDbEngine; manifests: Record<EngineName, RunManifest> } {
  if (setupError) throw setupError;
  if (!reader) throw new Error('the lakes were not built');
  return { reader, manifests };
}

afterAll(async () => {
  await reader?.close();
});

interface Table {
  columns: { name: string; type: string }[];
  rows: Row[];
}

/** A table of one lake, its columns with logical types, rows sorted by `key`, without `drop`. */
async function readTable(engine: EngineName, path: string, key: readonly string[], drop: string[] = []): Promise<Table> {
  const { reader } = built();
  const view = `${engine}_t`;
  await reader.registerView(view, { format: 'parquet', path: join(lakes[engine], path) });
  const columns = (await reader.describe(view)).filter((c) => !drop.includes(c.name));
  const select = columns.map((c) => `"${c.name}"`).join(', ');
  const rows = await reader.query(`SELECT ${select} FROM ${view} ORDER BY ${key.map((k) => `"${k}"`).join(', ')}`);
  return { columns, rows };
}

/** Fails with the first differing row of each engine and how many rows differ. */
async function expectSameTable(path: string, key: readonly string[], drop: string[] = []): Promise<number> {
  const duckdb = await readTable('duckdb', path, key, drop);
  const spark = await readTable('spark', path, key, drop);
  expect(spark.columns, `${path}: columns`).toEqual(duckdb.columns);
  expect(spark.rows.length, `${path}: rows`).toBe(duckdb.rows.length);
  const differing = duckdb.rows
    .map((row, i) => [row, spark.rows[i] ?? {}] as const)
    .filter(([d, s]) => duckdb.columns.some((c) => !sameValue(d[c.name], s[c.name])));
  expect(differing[0] ?? [], `${path}: ${differing.length} rows differ (duckdb, spark)`).toEqual([]);
  return duckdb.rows.length;
}

describe('Spark and DuckDB give the same lake from the same dirty sources', () => {
  it('both runs succeed with the same manifest figures', () => {
    const { duckdb, spark } = built().manifests;
    expect([duckdb.engine, spark.engine]).toEqual(['duckdb', 'spark']);
    for (const field of ['as_of', 'run_date', 'stages', 'repairs', 'quarantine_by_reason', 'duplicates', 'reconciliation'] as const) {
      expect(spark[field], field).toEqual(duckdb[field]);
    }
    // The dirty sources exercise every rule, so equal counts are not equal zeros.
    expect(Object.values(duckdb.quarantine_by_reason['achats'] ?? {}).every((n) => n > 0)).toBe(true);
    expect(Object.values(duckdb.repairs['clients'] ?? {}).every((n) => n > 0)).toBe(true);
    expect(duckdb.reconciliation['achats']?.ok && duckdb.reconciliation['clients']?.ok).toBe(true);
  });

  it('bronze: the same raw rows with the same file row numbers', async () => {
    for (const source of ['clients', 'achats']) {
      const rows = await expectSameTable(`bronze/${source}.parquet`, ['_source_row'], ['_ingested_at']);
      expect(rows).toBe(manifests.duckdb.stages.bronze[source]);
    }
  });

  it('silver and quarantine: the same typed, repaired rows and the same reasons', async () => {
    expect(await expectSameTable('silver/clients.parquet', ['id_client'])).toBe(manifests.duckdb.stages.silver['clients']);
    expect(await expectSameTable('silver/achats.parquet', ['id_achat'])).toBe(manifests.duckdb.stages.silver['achats']);
    for (const source of ['clients', 'achats']) {
      const rows = await expectSameTable(`silver/quarantine_${source}.parquet`, ['_source_row']);
      expect(rows).toBe(manifests.duckdb.stages.quarantine[source]);
    }
  });

  it('gold call_list: each engine stores the list in rank order (as the contract says: sorted by priority)', async () => {
    const { reader } = built();
    for (const engine of ENGINES) {
      await reader.registerView('in_file_order', { format: 'parquet', path: join(lakes[engine], 'gold/call_list.parquet') });
      // The file's own order (DuckDB reads a file, or Spark's parts by name, in order).
      const [row] = await reader.query(
        'SELECT count(*) AS n, count(*) FILTER (WHERE "rank" <> position) AS misplaced FROM (SELECT "rank", row_number() OVER () AS position FROM in_file_order)',
      );
      expect(Number(row?.['n']), engine).toBeGreaterThan(100);
      expect(Number(row?.['misplaced']), engine).toBe(0);
    }
  });

  it.each(GOLD_TABLES)('gold %s: the same rows', async (table) => {
    const rows = await expectSameTable(`gold/${table}.parquet`, GOLD_SCHEMA[table].key);
    expect(rows).toBe(manifests.duckdb.stages.gold[table]);
  });

  it('check passes on the Spark lake', () => {
    built();
    const check = cli(['check', '--lake', lakes.spark]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});
