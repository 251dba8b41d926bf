/**
 * Histories the BTYD model cannot be fitted on, through the whole pipeline:
 * no repeat buyer, a single customer, customers all identical. Each gives
 * the documented fallback (the heuristic, named in the `model` column and
 * the manifest), finite scores in range for every client, and a lake that
 * passes `check`. Plus Gamma-Gamma's no-heterogeneity limit, and the
 * invalid-input errors that must stay errors.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { fitAndScoreGroups } from '../../src/models/btyd/fit-and-score.ts';
import { BtydModel } from '../../src/models/btyd/model.ts';
import { simulateCustomers } from '../support/btyd/simulate.ts';
import { runChecks } from '../../src/pipeline/check/run-checks.ts';
import { runOnFixture } from '../support/mini-lake.ts';

const CLIENTS = [
  '1,Alice,alice@exemple.fr,France,2021-01-01',
  '2,Bob,bob@exemple.fr,France,2021-03-01',
  '3,Chloé,chloe@exemple.fr,Belgique,2022-01-01',
  '4,Denis,denis@exemple.fr,France,2024-11-20', // registered, never bought
];

async function scoreWithBtyd(achats: string[], clients = CLIENTS) {
  const model = new BtydModel();
  const run = await runOnFixture(clients, achats, { asOf: '2024-12-31', model });
  const scores = await run.table('gold', 'client_scores', 'id_client');
  const engine = await DuckDbEngine.create();
  try {
    const lake = new LocalLake(run.lake, '');
    const report = await runChecks(engine, lake);
    // What the run's scoring fitted: the same model, scored again over the run's gold.
    for (const table of ['fact_achats', 'dim_clients', 'client_features']) {
      await engine.registerView(table, { format: 'parquet', path: (await lake.resolveRead('gold', table, engine.access)).path });
    }
    const { fit, label } = await model.scoresSql({ engine, asOf: '2024-12-31' });
    return { ...run, fit, label, scores, report };
  } finally {
    await engine.close();
  }
}

function expectFiniteScores(scores: Record<string, unknown>[]): void {
  for (const row of scores) {
    const p = row['prob_reachat_12m'] as number;
    expect(Number.isFinite(p) && p >= 0 && p <= 1, `prob of client ${row['id_client']}: ${p}`).toBe(true);
    for (const key of ['expected_value_12m', 'value_at_risk_12m']) {
      const v = row[key] as number;
      expect(Number.isFinite(v) && v >= 0, `${key} of client ${row['id_client']}: ${v}`).toBe(true);
    }
  }
}

describe('btyd on histories it cannot be fitted on', () => {
  it('no repeat buyer: falls back to the heuristic, says so, scores every client, passes check', async () => {
    const { fit, label, scores, manifest, report } = await scoreWithBtyd([
      '1,1,2023-05-01,300,Four',
      '2,2,2024-02-10,120,Cafetière',
      '3,3,2022-09-15,640,Lave-linge',
    ]);
    expect(fit.fallback?.reason).toBe('no_repeat_buyers');
    expect(label).toBe('heuristic (btyd fallback: no_repeat_buyers)');
    expect(manifest.model).toBe(label);
    expect(scores).toHaveLength(4);
    expect(new Set(scores.map((r) => r['model']))).toEqual(new Set([label]));
    expectFiniteScores(scores);
    expect(report.failed, JSON.stringify(report.results.filter((r) => !r.ok))).toBe(0);
  });

  it('a single customer: falls back (single_profile)', async () => {
    const { fit, scores, report } = await scoreWithBtyd(
      ['1,1,2023-05-01,300,Four', '2,1,2024-02-10,120,Cafetière', '3,1,2024-09-15,80,Bouilloire'],
      [CLIENTS[0] ?? ''],
    );
    expect(fit.fallback?.reason).toBe('single_profile');
    expect(scores).toHaveLength(1);
    expectFiniteScores(scores);
    expect(report.failed).toBe(0);
  });

  it('customers all identical (same days, same amounts): falls back (single_profile)', async () => {
    const achats = [1, 2, 3].flatMap((c, i) => [
      `${i * 2 + 1},${c},2023-03-01,250,Four`,
      `${i * 2 + 2},${c},2024-03-01,250,Four`,
    ]);
    const { fit, scores, report } = await scoreWithBtyd(achats);
    expect(fit.fallback?.reason).toBe('single_profile');
    expect(fit.fallback?.message).toMatch(/same \(x, tx, T\)/);
    expectFiniteScores(scores);
    expect(report.failed).toBe(0);
  });
});

describe('btyd group fit', () => {
  const sim = simulateCustomers({
    customers: 3_000,
    bgnbd: { variant: 'mbg', r: 0.5, alpha: 40, a: 0.9, b: 1.6 },
    spend: { p: 6, q: 4, v: 15 },
    maxAge: 1_000,
    seed: 7,
  });
  const rfmRows = Array.from(sim.x, (x, i) => ({ x, t_x: Math.floor(sim.tx[i] ?? 0), t_age: Math.floor(sim.T[i] ?? 0), n: 1 }))
    .map((r) => ({ ...r, t_x: r.x === 0 ? 0 : r.t_x }));

  it('uses Gamma-Gamma when clients differ in spend', () => {
    const spendRows = Array.from(sim.x, (x, i) => ({ x, zbar_cents: Math.max(1, Math.round((sim.zbar[i] ?? 0) * 100)), n: 1 })).filter((r) => r.x > 0);
    const scores = fitAndScoreGroups(rfmRows, spendRows);
    expect(scores.params['spend_model']).toBe('gamma_gamma');
    expect(scores.populationSpend).toBeGreaterThan(0);
  });

  it("uses Gamma-Gamma's no-heterogeneity limit when every repeat buyer spends the same", () => {
    const spendRows = Array.from(sim.x, (x) => ({ x, zbar_cents: 4_200, n: 1 })).filter((r) => r.x > 0);
    const scores = fitAndScoreGroups(rfmRows, spendRows);
    expect(scores.params).toMatchObject({ spend_model: 'mean_repeat_spend', spend_fallback: 'single_profile' });
    expect(scores.populationSpend).toBeCloseTo(42, 10);
    const spend = scores.spend.find((c) => c.name === 'expected_spend')?.values ?? [];
    expect(Array.from(spend as ArrayLike<number>).every((v) => v === scores.populationSpend)).toBe(true);
    for (const column of scores.rfm) {
      if (column.type === 'double') expect(Array.from(column.values as ArrayLike<number>).every(Number.isFinite), column.name).toBe(true);
    }
  });

  it('an invalid group is an error, not a fallback (it would be a bug in the SQL)', () => {
    const bad = [{ x: 2, t_x: 10, t_age: 5, n: 1 }, ...rfmRows];
    expect(() => fitAndScoreGroups(bad, [])).toThrow(AppError);
    expect(() => fitAndScoreGroups(bad, [])).toThrow(/group 0: need 0 <= tx <= T/);
  });
});
