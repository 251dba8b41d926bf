import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { runChecks } from '../../src/pipeline/check/run-checks.ts';
import { runOnFixture } from '../support/mini-lake.ts';

// as_of = 2024-12-31. 2023-12-32 does not exist: 365 days before as_of is 2024-01-01 (2024 is a leap year).
const CLIENTS = [
  '1,Alice,alice@exemple.fr,France,2020-01-01', // buys 365 days before as_of (outside 12m) and 364 days before (inside)
  '2,Bob,bob@exemple.fr,France,2022-06-01', // never buys
  '3,Chloé,chloe@exemple.fr,Belgique,2021-01-01', // buys on as_of, and after as_of
  '4,Denis,denis@exemple.fr,France,2025-01-15', // registers after as_of: not in dim_clients/features/scores
];
const ACHATS = [
  '1,1,2024-01-01,100,Four', // as_of - 365 days: not in the 12-month window
  '2,1,2024-01-02,50,Cafetière', // as_of - 364 days: in the window
  '3,1,2022-05-10,200,Four',
  '4,3,2024-12-31,300,Lave-linge', // on as_of: recency 0, in window
  '5,3,2025-02-01,80,Bouilloire', // after as_of: excluded from features and scores, kept in fact_achats
  '6,4,2025-01-20,40,Bouilloire',
];

describe('gold features and edge cases (docs/contract/dates.md, gold-tables.md)', async () => {
  const { manifest, table } = await runOnFixture(CLIENTS, ACHATS, { asOf: '2024-12-31' });

  it('uses the given as_of and leaves out clients registered after it', async () => {
    expect(manifest.as_of).toBe('2024-12-31');
    const dim = await table('gold', 'dim_clients', 'id_client');
    expect(dim.map((r) => r['id_client'])).toEqual([1, 2, 3]);
    expect((await table('gold', 'client_scores')).map((r) => r['id_client']).sort()).toEqual([1, 2, 3]);
  });

  it('computes the 12-month window as 0 <= as_of - date < 365', async () => {
    const features = await table('gold', 'client_features', 'id_client');
    expect(features[0]).toMatchObject({
      id_client: 1, freq_12m: 1, monetary_12m: 50, monetary_avg_12m: 50, product_diversity_12m: 1,
      recency_days: 364, total_orders_all: 3, total_spend_all: 350,
    });
    expect(features[0]?.['avg_order_value_all']).toBeCloseTo(350 / 3, 9);
    expect(features[0]?.['tenure_days']).toBe(1826);
  });

  it('gives a client with no purchase zero counts, null averages and null recency', async () => {
    const bob = (await table('gold', 'client_features', 'id_client'))[1];
    expect(bob).toMatchObject({
      id_client: 2, freq_12m: 0, monetary_12m: 0, monetary_avg_12m: null, recency_days: null,
      total_orders_all: 0, total_spend_all: 0, avg_order_value_all: null,
    });
    const dim = (await table('gold', 'dim_clients', 'id_client'))[1];
    expect(dim).toMatchObject({ first_purchase_date: null, last_purchase_date: null });
  });

  it('excludes purchases after as_of from features but keeps them in fact_achats and sales tables', async () => {
    const chloe = (await table('gold', 'client_features', 'id_client'))[2];
    expect(chloe).toMatchObject({ recency_days: 0, freq_12m: 1, total_orders_all: 1, total_spend_all: 300 });
    expect(await table('gold', 'fact_achats')).toHaveLength(6);
    const monthly = await table('gold', 'ca_monthly', 'mois');
    expect(monthly.at(-1)).toMatchObject({ mois: '2025-02', ca: 80, n_achats: 1, n_clients: 1, panier_moyen: 80 });
  });

  it('computes kpis on purchases up to as_of', async () => {
    const [kpis] = await table('gold', 'kpis');
    expect(kpis).toMatchObject({
      as_of: '2024-12-31', ca_total: 650, n_achats: 4, n_clients_acheteurs: 2, panier_moyen: 162.5,
      ca_12m: 350, clients_actifs_12m: 2,
    });
  });

  it('zero-fills daily and labels ISO weeks', async () => {
    const daily = await table('gold', 'daily', 'date');
    expect(daily[0]).toMatchObject({ date: '2022-05-10', ca: 200, n_achats: 1 });
    expect(daily[1]).toMatchObject({ date: '2022-05-11', ca: 0, n_achats: 0, n_clients: 0 });
    const weekly = await table('gold', 'weekly', 'week_start');
    expect(weekly[0]).toMatchObject({ week_start: '2022-05-09', iso_week: '2022-W19', ca: 200 });
    const jan = weekly.find((w) => w['week_start'] === '2024-01-01');
    expect(jan).toMatchObject({ iso_week: '2024-W01', ca: 150, n_achats: 2, n_clients: 1 });
  });

  it('computes growth against the previous month and year, null without a base', async () => {
    const growth = await table('gold', 'monthly_growth', 'mois');
    const jan2024 = growth.find((g) => g['mois'] === '2024-01');
    expect(jan2024).toMatchObject({ ca: 150, ca_prev_month: null, mom_growth: null, ca_prev_year: null });
    const feb2025 = growth.find((g) => g['mois'] === '2025-02');
    expect(feb2025).toMatchObject({ ca: 80, ca_prev_month: 40, mom_growth: 1 });
  });

  it('builds cohorts by first-purchase month with retention', async () => {
    const cohorts = await table('gold', 'cohort_first_purchase', 'cohort_month, month_offset');
    const may2022 = cohorts.filter((c) => c['cohort_month'] === '2022-05');
    expect(may2022.map((c) => [c['month_offset'], c['n_clients'], c['active_clients'], c['retention_rate'], c['ca']])).toEqual([
      [0, 1, 1, 1, 200],
      [20, 1, 1, 1, 150],
    ]);
  });

  it('gives every client one segment and scores in range', async () => {
    const scores = await table('gold', 'client_scores', 'id_client');
    for (const s of scores) {
      expect(s['prob_reachat_12m']).toBeGreaterThanOrEqual(0);
      expect(s['prob_reachat_12m']).toBeLessThanOrEqual(1);
      expect(s['model']).toBe('heuristic');
    }
    expect(scores.map((s) => s['segment_label'])).toEqual(['VIP', 'À potentiel', 'À potentiel']); // Alice: 3 orders, top spender, bought within 2 years
    const summary = await table('gold', 'segment_summary');
    expect(summary.map((s) => s['segment_label'])).toEqual(['VIP', 'À potentiel', 'Actifs', 'À relancer', 'Dormants']);
    expect(summary.reduce((n, s) => n + Number(s['n_clients']), 0)).toBe(3);
  });
});

describe('the clients known at as_of', async () => {
  const clients = [
    '1,Alice,alice@exemple.fr,France,2020-01-01',
    '5,Emma,emma@exemple.fr,France,2025-02-01', // registers after as_of but bought before it (a guest purchase)
  ];
  const achats = ['1,1,2024-03-01,100,Four', '2,5,2024-06-01,120,Four']; // Emma: 213 days before as_of
  const { table, lake } = await runOnFixture(clients, achats, { asOf: '2024-12-31' });

  it('include a client who bought by as_of and registered after it, with tenure from the purchase; check passes', async () => {
    const dim = await table('gold', 'dim_clients', 'id_client');
    expect(dim.map((r) => r['id_client'])).toEqual([1, 5]);
    expect(dim[1]).toMatchObject({ tenure_days: 213, total_orders_all: 1 });
    const engine = await DuckDbEngine.create();
    try {
      const report = await runChecks(engine, new LocalLake(lake, join(lake, '..', 'sources')));
      expect(report.results.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
