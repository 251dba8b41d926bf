import { GOLD_SCHEMA, GOLD_TABLES } from '../../core/schema.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import type { Engine } from '../../engines/engine.ts';
import type { Lake, Layer } from '../../lake/lake.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../manifest.ts';
import { callListChecks } from './call-list-checks.ts';
import { goldChecks } from './checks.ts';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface CheckReport {
  checked_at: string;
  lake: string;
  run_id: string | null;
  ok: boolean;
  passed: number;
  failed: number;
  results: CheckResult[];
}

export const CHECK_REPORT_KEY = '_runs/latest_check.json';
/** Each snapshot's last check report, read by `electrolake history`. */
export const checkReportKey = (runId: string | null): string => `_runs/${runId ?? 'none'}.check.json`;

/**
 * Validates the lake as it is now: the last run's manifest (reconciliation,
 * row counts), every gold table's columns and types, then the data checks.
 * Keeps going after a failure so the report lists everything wrong at once.
 */
export async function runChecks(engine: Engine, lake: Lake): Promise<CheckReport> {
  const results: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail?: string) =>
    results.push(detail === undefined ? { name, ok } : { name, ok, detail });

  const manifest = await lake.readJson<RunManifest>(LATEST_RUN_KEY);
  if (manifest === undefined) {
    throw new AppError('NOT_FOUND', `no run manifest in ${lake.uri}: run \`electrolake run\` first`);
  }
  for (const [name, r] of Object.entries(manifest.reconciliation)) {
    // `updated` is absent from manifests written before ingestion existed.
    record(`manifest: ${name} bronze = silver + quarantine + duplicates + updated`, r.ok,
      `${r.bronze} = ${r.silver} + ${r.quarantine} + ${r.duplicates} + ${r.updated ?? 0}`);
  }

  const tableNames = [...GOLD_TABLES];
  const missing: string[] = [];
  for (const table of tableNames) {
    if (!(await lake.exists('gold', table))) {
      missing.push(table);
      continue;
    }
    await engine.registerView(table, { format: 'parquet', path: (await lake.resolveRead('gold', table, engine.access)).path });
  }
  record('gold: every table of the contract is present', missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : undefined);
  if (missing.length > 0) return report(lake, manifest, results);

  await engine.registerView('silver_achats', { format: 'parquet', path: (await lake.resolveRead('silver', 'achats', engine.access)).path });
  // Every layer's tables hold the rows the snapshot's manifest says: a lake
  // mixing two runs (or a table replaced behind its back) fails here.
  for (const { layer, table, expected } of manifestCounts(manifest)) {
    const found = await countRows(engine, lake, layer, table);
    record(`manifest: ${layer}/${table} row count matches the lake`, found === expected, `manifest ${expected}, lake ${found ?? 'no table'}`);
  }

  for (const table of tableNames) {
    const expected = GOLD_SCHEMA[table].columns as Record<string, string>;
    const actual = new Map((await engine.describe(table)).map((c) => [c.name, c.type]));
    const problems = Object.entries(expected)
      .filter(([column, type]) => actual.get(column) !== type)
      .map(([column, type]) => `${column}: expected ${type}, found ${actual.get(column) ?? 'nothing'}`);
    record(`${table}: columns and types`, problems.length === 0, problems.length ? problems.join('; ') : undefined);
  }

  for (const check of [...goldChecks(engine.dialect, manifest.as_of ?? '9999-12-31'), ...callListChecks(engine.dialect)]) {
    try {
      const failures = Number((await engine.query(check.sql))[0]?.['failures'] ?? 1);
      record(check.name, failures === 0, failures === 0 ? undefined : `${failures} failing`);
    } catch (error) {
      record(check.name, false, toAppError(error).message);
    }
  }
  return report(lake, manifest, results);
}

async function countRows(engine: Engine, lake: Lake, layer: Layer, table: string): Promise<number | undefined> {
  if (!(await lake.exists(layer, table))) return undefined;
  const view = `_rows_${layer}_${table}`;
  await engine.registerView(view, { format: 'parquet', path: (await lake.resolveRead(layer, table, engine.access)).path });
  return Number((await engine.query(`SELECT count(*) AS n FROM ${view}`))[0]?.['n']);
}

/** The row counts a manifest records, per layer and table (quarantine tables live in silver). */
function manifestCounts(manifest: RunManifest): { layer: Layer; table: string; expected: number }[] {
  const { bronze, silver, quarantine, gold } = manifest.stages;
  return [
    ...Object.entries(bronze).map(([table, expected]) => ({ layer: 'bronze' as const, table, expected })),
    ...Object.entries(silver).map(([table, expected]) => ({ layer: 'silver' as const, table, expected })),
    ...Object.entries(quarantine).map(([table, expected]) => ({ layer: 'silver' as const, table: `quarantine_${table}`, expected })),
    ...Object.entries(gold).map(([table, expected]) => ({ layer: 'gold' as const, table, expected })),
  ];
}

function report(lake: Lake, manifest: RunManifest, results: CheckResult[]): CheckReport {
  const failed = results.filter((r) => !r.ok).length;
  return {
    checked_at: new Date().toISOString(),
    lake: lake.uri,
    run_id: manifest.run_id,
    ok: failed === 0,
    passed: results.length - failed,
    failed,
    results,
  };
}
