/**
 * The two predictors on generated data with a known buy-till-you-die
 * process (src/generate): the backtest (fit at as_of − 365 days, compare
 * with the next 12 months) must show the probabilistic model beating the
 * heuristic on AUC and Brier, with its total expected value within 10 % of
 * what was really spent. Same backtest on Spark (real Spark Connect server):
 * same SQL, same fit, same figures. Then train → run → check through the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkRemote } from '../../src/core/config.ts';
import type { Engine } from '../../src/engines/engine.ts';
import { openEngine } from '../../src/engines/registry.ts';
import { generateSources } from '../../src/generate/generate.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { registerSilver } from '../../src/models/backtest/client-views.ts';
import { backtestTable } from '../../src/models/backtest/report.ts';
import { runBacktest, type BacktestResult } from '../../src/models/backtest/run-backtest.ts';
import { heuristicModel } from '../../src/models/heuristic.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { CALL_ACTIONS } from '../../src/pipeline/gold/segments.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { cli, tempDir } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';

const AS_OF = '2025-12-31';
const dir = tempDir('electrolake-backtest-');
const sources = join(dir, 'sources');
const lakeDir = join(dir, 'lake');
let duckdbResult: BacktestResult | undefined;

beforeAll(async () => {
  await generateSources({ scale: 2, seed: 5, dirty: 0, out: sources });
  const engine = await openEngine('duckdb');
  try {
    await runPipeline({ engine, lake: new LocalLake(lakeDir, sources), model: heuristicModel, runDate: '2026-01-15' });
  } finally {
    await engine.close();
  }
});

async function backtestOn(engine: Engine): Promise<BacktestResult> {
  await registerSilver(engine, new LocalLake(lakeDir, sources));
  return runBacktest(engine, AS_OF);
}

const metric = (result: BacktestResult, model: string, key: string): number => {
  const value = result.models.find((m) => m.model === model)?.metrics[key];
  if (value === undefined) throw new Error(`no ${key} for ${model}`);
  return value;
};

describe('backtest on DuckDB (20,000 generated clients)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine('duckdb');
    duckdbResult = await backtestOn(engine);
    console.log(backtestTable(duckdbResult));
  });
  afterAll(async () => engine.close());
  const result = (): BacktestResult => {
    if (!duckdbResult) throw new Error('no backtest (see the first failure)');
    return duckdbResult;
  };

  it('fits both models at as_of − 365 days; btyd really fits (no fallback)', () => {
    expect(result().cutoff).toBe('2024-12-31');
    const btyd = result().models.find((m) => m.model === 'btyd');
    expect(btyd?.fit.scoredBy).toBe('btyd');
    expect(btyd?.fit.fallback).toBeUndefined();
    expect(btyd?.fit.params).toMatchObject({ variant: 'mbg', time_unit: 'day', horizon_days: 365 });
    for (const key of ['r', 'alpha', 'a', 'b', 'population_spend']) expect(Number(btyd?.fit.params[key])).toBeGreaterThan(0);
  });

  it('btyd beats the heuristic on AUC and Brier score', () => {
    expect(metric(result(), 'btyd', 'auc')).toBeGreaterThan(metric(result(), 'heuristic', 'auc'));
    expect(metric(result(), 'btyd', 'brier')).toBeLessThan(metric(result(), 'heuristic', 'brier'));
    expect(metric(result(), 'btyd', 'auc')).toBeGreaterThan(0.7);
  });

  it("btyd's total expected_value_12m is within 10 % of the realised value", () => {
    expect(Math.abs(metric(result(), 'btyd', 'value_rel_error'))).toBeLessThan(0.1);
    const predicted = metric(result(), 'btyd', 'predicted_value');
    const realised = metric(result(), 'btyd', 'realised_value');
    expect(predicted / realised - 1).toBeCloseTo(metric(result(), 'btyd', 'value_rel_error'), 12);
  });

  it('gives calibration deciles, advisor capture and segment outcomes that add up', () => {
    for (const m of result().models) {
      expect(m.calibration.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(m.calibration.reduce((s, d) => s + d.clients, 0)).toBe(m.metrics['clients']);
      // Deciles of the prediction: mean prediction never decreases from one to the next.
      m.calibration.slice(1).forEach((d, i) => expect(d.mean_prob).toBeGreaterThanOrEqual(m.calibration[i]?.mean_prob ?? 0));
      expect(m.metrics['capture_top20']).toBeGreaterThan(m.metrics['capture_top10'] ?? 1);
      expect(m.metrics['capture_top10']).toBeGreaterThan(0.1); // better than a random list
    }
    const segments = result().segments;
    expect(segments.map((s) => s['segment_label']).sort()).toEqual(['Actifs', 'Dormants', 'VIP', 'À potentiel', 'À relancer']);
    expect(segments.reduce((s, r) => s + Number(r['clients']), 0)).toBe(metric(result(), 'btyd', 'clients'));
  });

  it('gives, per action of the call list, the next-year value held by its top 10 % / 20 %, better than a random order', () => {
    for (const m of result().models) {
      let listed = 0;
      for (const action of CALL_ACTIONS) {
        const [clients, top10, top20, whole] = ['clients', 'top10', 'top20', 'listed'].map((k) => metric(result(), m.model, `call_${action}_${k}`));
        listed += clients ?? 0;
        expect(clients, `${m.model} ${action}`).toBeGreaterThan(50);
        expect(top10, `${m.model} ${action}`).toBeGreaterThan(0);
        expect(top20, `${m.model} ${action}`).toBeGreaterThan(top10 ?? 1);
        expect(whole, `${m.model} ${action}`).toBeGreaterThanOrEqual(top20 ?? 1);
        expect(whole, `${m.model} ${action}`).toBeLessThanOrEqual(1 + 1e-9);
        // The chosen predictor's priority puts more than its share of the list's value in the first tenth.
        if (m.model === 'btyd') expect(top10, `${m.model} ${action}`).toBeGreaterThan(0.1 * (whole ?? 0));
      }
      expect(listed).toBeLessThan(metric(result(), m.model, 'clients')); // the exclusion rule leaves some out
    }
  });

  it('scores every client with finite values in range (buyers and registered non-buyers alike)', async () => {
    const [row] = await engine.query(`SELECT count(*) AS n,
        count(CASE WHEN prob_reachat_12m >= 0 AND prob_reachat_12m <= 1 AND expected_value_12m >= 0 AND value_at_risk_12m >= 0
                    AND NOT isnan(prob_reachat_12m) AND NOT isnan(expected_value_12m) AND NOT isnan(value_at_risk_12m) THEN 1 END) AS ok,
        count(CASE WHEN f.total_orders_all = 0 THEN 1 END) AS non_buyers,
        max(CASE WHEN f.total_orders_all = 0 THEN prob_reachat_12m END) AS best_non_buyer
      FROM bt_scores_btyd s JOIN client_features f ON f.id_client = s.id_client`);
    expect(row?.['ok']).toBe(row?.['n']);
    expect(Number(row?.['non_buyers'])).toBeGreaterThan(0);
    // Recent registrants usually buy within weeks: the non-buyer rule sees it.
    expect(Number(row?.['best_non_buyer'])).toBeGreaterThan(0.5);
  });
});

/**
 * Equal to one part in a million: sums of doubles in another order (Spark's
 * aggregation) can move a mean spend across a cent, and the fit by a hair.
 */
function expectClose(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
}

describe('the same backtest on Spark', () => {
  let engine: Engine | undefined;
  afterAll(async () => engine?.close());

  it('gives the same fit and the same metrics as DuckDB', async () => {
    try {
      engine = await openEngine('spark');
    } catch (error) {
      throw new Error(`Spark Connect is not reachable at ${sparkRemote()}: ${String(error)}\n  run: bash scripts/services/spark.sh start`, { cause: error });
    }
    const spark = await backtestOn(engine);
    const duckdb = duckdbResult;
    if (!duckdb) throw new Error('no DuckDB backtest to compare with');
    for (const m of duckdb.models) {
      const other = spark.models.find((s) => s.model === m.model);
      expect(other?.fit.scoredBy, m.model).toBe(m.fit.scoredBy);
      for (const [key, value] of Object.entries(m.fit.params)) {
        if (typeof value === 'number') expectClose(Number(other?.fit.params[key]), value, `${m.model} ${key}`);
        else expect(other?.fit.params[key]).toBe(value);
      }
      for (const [key, value] of Object.entries(m.metrics)) {
        expectClose(Number(other?.metrics[key]), value, `${m.model} ${key}`);
      }
    }
  });
});

describe('train → run → check through the command line', () => {
  it('train --model btyd makes run score with btyd, and the lake passes check', () => {
    const env = { MLFLOW_TRACKING_URI: `file://${join(dir, 'runs')}` };
    const train = cli(['train', '--lake', lakeDir, '--model', 'btyd'], { env });
    expect(train.status, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/predictor btyd recorded in .*_models\/predictor\.json/);

    const run = cli(['run', '--sources', sources, '--lake', lakeDir, '--run-date', '2026-01-15']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/model {3}btyd \(chosen by electrolake train on \d{4}-\d{2}-\d{2}\)/);
    const manifest = JSON.parse(readFileSync(join(lakeDir, '_runs/latest.json'), 'utf8')) as RunManifest;
    expect(manifest.model).toBe('btyd');
    const check = cli(['check', '--lake', lakeDir]);
    expect(check.status, check.stdout).toBe(0);

    const heuristic = cli(['run', '--sources', sources, '--lake', lakeDir, '--run-date', '2026-01-15', '--model', 'heuristic']);
    expect(heuristic.status, heuristic.stderr).toBe(0);
    expect(heuristic.stderr).not.toMatch(/model {3}/);
    expect((JSON.parse(readFileSync(join(lakeDir, '_runs/latest.json'), 'utf8')) as RunManifest).model).toBe('heuristic');
  });

  it('client_scores carries the btyd scores with the model name', async () => {
    cli(['run', '--sources', sources, '--lake', lakeDir, '--run-date', '2026-01-15']);
    const rows = await readParquet(join(lakeDir, 'gold/client_scores.parquet'));
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r['model']))).toEqual(new Set(['btyd']));
  });
});
