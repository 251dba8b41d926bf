/** Page checks of the dashboard test (every page but Clients): what is on screen against what the API says. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Row } from '../../web/src/api/types.ts';
import type { BenchReport, CheckReport, RunManifest } from '../../web/src/api/types.ts';
import { column, getJson, openPage, textOf } from '../support/dashboard.ts';
import { fr } from '../support/fr-format.ts';

const kpiValue = (page: Page, id: string) => textOf(page.locator(`[data-kpi="${id}"] .card-value`));
const chartDrawn = async (page: Page, label: string) =>
  expect(await page.locator(`[data-chart="${label}"] canvas`).count(), `chart ${label}`).toBeGreaterThan(0);

export async function checkOverview(page: Page, base: string): Promise<void> {
  const kpis = (await getJson<Row<'kpis'> | Row<'kpis'>[]>(base, '/kpis')).data;
  const k = (Array.isArray(kpis) ? kpis[0] : kpis)!;
  const growth = (await getJson<Row<'monthly_growth'>[]>(base, '/monthly_growth')).data;
  expect((await openPage(page, base, 'vue-d-ensemble')).state).toBe('ready');

  expect(await kpiValue(page, 'ca_total')).toBe(fr.eur0(k.ca_total!));
  expect(await kpiValue(page, 'ca_12m')).toBe(fr.eur0(k.ca_12m!));
  expect(await kpiValue(page, 'n_achats')).toBe(fr.int(k.n_achats!));
  expect(await kpiValue(page, 'n_clients_acheteurs')).toBe(fr.int(k.n_clients_acheteurs!));
  expect(await kpiValue(page, 'panier_moyen')).toBe(fr.eur(k.panier_moyen!));
  expect(await kpiValue(page, 'clients_actifs_12m')).toBe(fr.int(k.clients_actifs_12m!));
  expect(await kpiValue(page, 'avg_prob_reachat_12m')).toBe(fr.pct(k.avg_prob_reachat_12m!));
  expect(await kpiValue(page, 'sum_expected_value_12m')).toBe(fr.eur0(k.sum_expected_value_12m!));
  expect(await kpiValue(page, 'sum_value_at_risk_12m')).toBe(fr.eur0(k.sum_value_at_risk_12m!));
  await chartDrawn(page, "Chiffre d'affaires par mois");

  // The table lists the last 12 months, newest first, with their growth.
  const last = [...growth].sort((a, b) => b.mois!.localeCompare(a.mois!)).slice(0, 12);
  expect(await column(page, 'monthly_growth', 'ca')).toEqual(last.map((m) => fr.eur0(m.ca!)));
  expect(await column(page, 'monthly_growth', 'yoy_growth')).toEqual(last.map((m) => fr.growth(m.yoy_growth)));
}

export async function checkVentes(page: Page, base: string): Promise<void> {
  expect((await openPage(page, base, 'ventes')).state).toBe('ready');
  await chartDrawn(page, 'CA par jour');
  await chartDrawn(page, 'CA par semaine');
  await chartDrawn(page, 'Distribution des paniers');

  // The period's totals are the sums of /daily over the period shown in the pickers.
  const rangeTotals = async () => {
    const from = await page.inputValue('input[name="from"]');
    const to = await page.inputValue('input[name="to"]');
    const days = (await getJson<Row<'daily'>[]>(base, `/daily?from=${from}&to=${to}`)).data;
    expect(days.length).toBeGreaterThan(0);
    expect(await kpiValue(page, 'range_ca')).toBe(fr.eur0(days.reduce((s, d) => s + d.ca!, 0)));
    expect(await kpiValue(page, 'range_achats')).toBe(fr.int(days.reduce((s, d) => s + d.n_achats!, 0)));
    expect(await kpiValue(page, 'range_jours')).toBe(fr.int(days.length));
    return { from, to };
  };
  const twelveMonths = await rangeTotals();
  await page.getByRole('button', { name: '3 mois' }).click();
  await page.waitForFunction(() => !document.querySelector('.toolbar .inline-status')?.textContent);
  const threeMonths = await rangeTotals();
  expect(threeMonths.from > twelveMonths.from).toBe(true);
  expect(page.url()).toContain(`from=${threeMonths.from}`);

  const countries = (await getJson<Row<'ca_country'>[]>(base, '/by_country')).data;
  expect(await column(page, 'by_country', 'label')).toEqual(countries.map((c) => c.pays ?? 'Inconnu'));
  expect(await column(page, 'by_country', 'ca')).toEqual(countries.map((c) => fr.eur0(c.ca!)));
  const products = (await getJson<Row<'ca_product'>[]>(base, '/by_product')).data;
  expect(await column(page, 'by_product', 'label')).toEqual(products.map((p) => p.produit));
  expect(await column(page, 'by_product', 'n_achats')).toEqual(products.map((p) => fr.int(p.n_achats!)));
  const buckets = (await getJson<Row<'distribution'>[]>(base, '/distribution')).data;
  expect(await column(page, 'distribution', 'n_achats')).toEqual(buckets.map((b) => fr.int(b.n_achats!)));
}

export async function checkCohortes(page: Page, base: string): Promise<void> {
  const rows = (await getJson<Row<'cohort_first_purchase'>[]>(base, '/cohort')).data;
  expect((await openPage(page, base, 'cohortes')).state).toBe('ready');
  await chartDrawn(page, 'Rétention par cohorte');
  // Retention one month after the first purchase, over the cohorts that have had that month.
  const month = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
  const last = Math.max(...rows.map((r) => month(r.cohort_month!) + r.month_offset!));
  const sizes = new Map(rows.map((r) => [r.cohort_month!, r.n_clients!]));
  const reached = [...sizes].filter(([c]) => last - month(c) >= 1);
  const active = rows.filter((r) => r.month_offset === 1 && last - month(r.cohort_month!) >= 1).reduce((s, r) => s + r.active_clients!, 0);
  const clients = reached.reduce((s, [, n]) => s + n, 0);
  expect(await kpiValue(page, 'retention_m1')).toBe(fr.pct(active / clients));
}

export async function checkQualite(page: Page, base: string): Promise<void> {
  const m = (await getJson<RunManifest>(base, '/runs/latest')).data;
  const report = (await getJson<CheckReport>(base, '/quality')).data;
  expect((await openPage(page, base, 'qualite')).state).toBe('ready');
  await checkRunCards(page, m);
  expect(await column(page, 'reconciliation', 'bronze')).toEqual(Object.values(m.reconciliation).map((r) => fr.int(r.bronze)));
  expect(await column(page, 'reconciliation', 'quarantine')).toEqual(Object.values(m.reconciliation).map((r) => fr.int(r.quarantine)));
  expect(await column(page, 'reconciliation', 'ok')).toEqual(Object.values(m.reconciliation).map((r) => (r.ok ? 'oui' : 'NON')));
  expect(await column(page, 'gold_rows', 'rows')).toEqual(Object.values(m.stages.gold).map(fr.int));
  const quarantined = Object.values(m.quarantine_by_reason).flatMap((reasons) => Object.values(reasons));
  expect(await column(page, 'quarantine', 'n')).toEqual(quarantined.map(fr.int));
  const repaired = Object.values(m.repairs).flatMap((kinds) => Object.values(kinds));
  expect(await column(page, 'repairs', 'n')).toEqual(repaired.map(fr.int));
  await chartDrawn(page, 'Quarantaine par motif');
  expect(await kpiValue(page, 'checks_ok')).toBe(fr.int(report.passed));
  expect(await kpiValue(page, 'checks_failed')).toBe(fr.int(report.failed));
  expect(await page.locator('table[data-table^="checks"] tbody tr').count()).toBe(report.results.length);
}

/**
 * The run's cards and heading: the real end, duration and peak memory (the
 * API completes the snapshot with the run's record), the run and engine
 * without the lake's hidden location, and every reconciliation header whole
 * inside its scroll box at the page's width.
 */
export async function checkRunCards(page: Page, m: RunManifest): Promise<void> {
  expect(m.peak_rss_mb).toBeGreaterThan(0);
  expect(await kpiValue(page, 'finished_at')).toBe(fr.dateTime(m.finished_at));
  expect(await kpiValue(page, 'total')).toBe(fr.duration(m.timings_s['total']!));
  expect(await textOf(page.locator('[data-kpi="total"] .card-hint'))).toBe(`mémoire max. : ${fr.int(m.peak_rss_mb)} Mo`);
  expect(await textOf(page.locator('.page-header p'))).toBe(`Dernier run ${m.run_id}, moteur ${m.engine}.`);
  expect(await textOf(page.locator('#view'))).not.toMatch(/<path>|<url>|<host>/);
  const wrap = page.locator('.table-wrap:has(table[data-table="reconciliation"])');
  const box = (await wrap.boundingBox())!;
  expect(await wrap.evaluate((e) => e.scrollWidth - e.clientWidth), 'the reconciliation table scrolls sideways').toBeLessThanOrEqual(0);
  // A table shows its headers; on a phone each source is a card, each figure beside its label.
  const cards = await wrap.locator('thead').evaluate((e) => getComputedStyle(e).position === 'absolute');
  for (const part of await wrap.locator(cards ? 'td' : 'th').all()) {
    const shown = (await part.boundingBox())!;
    expect(shown.x, await textOf(part)).toBeGreaterThanOrEqual(box.x);
    expect(shown.x + shown.width, await textOf(part)).toBeLessThanOrEqual(box.x + box.width + 0.5);
    expect(await part.evaluate((e) => e.scrollWidth - e.clientWidth), `${await textOf(part)}: cut`).toBeLessThanOrEqual(0);
  }
}

export async function checkBenchmark(page: Page, base: string): Promise<void> {
  const response = await getJson<BenchReport>(base, '/benchmark');
  const opened = await openPage(page, base, 'benchmark');
  if (response.status !== 200) {
    expect(opened.state).toBe('empty');
    expect(await textOf(page.locator('#view'))).toContain('electrolake bench');
    return;
  }
  expect(opened.state).toBe('ready');
  await chartDrawn(page, 'Durée totale par échelle');
  const results = response.data.results;
  expect(await column(page, 'benchmark', 'rows')).toEqual(results.map((r) => fr.int(r.rows)));
  expect(await column(page, 'benchmark', 'engine')).toEqual(results.map((r) => r.engine));
  const totals = results.filter((r) => r.stage === 'total');
  expect(await column(page, 'benchmark-comparison', 'engine')).toEqual(totals.map((r) => r.engine));
  expect(await column(page, 'benchmark-comparison', 'ratio_to_duckdb')).toEqual(totals.map((r) => (r.ratio_to_duckdb == null ? '—' : fr.num(r.ratio_to_duckdb))));
}

export async function checkModeles(page: Page, base: string): Promise<void> {
  const response = await fetch(`${base}/models`);
  const runs = response.ok ? ((await response.json()) as { data: unknown[] }).data : [];
  const opened = await openPage(page, base, 'modeles');
  if (runs.length === 0) {
    expect(opened.state).toBe('empty');
    expect(await textOf(page.locator('#view'))).toContain('electrolake train');
    return;
  }
  expect(opened.state).toBe('ready');
  expect(await page.locator('table[data-table="models"] tbody tr').count()).toBe(runs.length);
  const typed = runs as { chosen?: boolean; metrics: Record<string, number> }[];
  // One chosen predictor at most, marked once; no machine names left (« heuristic », « contact list by … »).
  expect(await page.locator('[data-chosen]').count()).toBe(typed.filter((r) => r.chosen).length);
  expect(typed.filter((r) => r.chosen).length).toBeLessThanOrEqual(1);
  const models = await column(page, 'models', 'model');
  expect(models.filter((m) => /heuristic|contact list|^btyd$/.test(m))).toEqual([]);
  const auc = typed.map((r) => r.metrics['backtest_auc']);
  if (auc.some((x) => x !== undefined)) {
    expect(await column(page, 'models', 'backtest_auc')).toEqual(auc.map((x) => (x === undefined ? '—' : fr.num(x))));
  }
}
