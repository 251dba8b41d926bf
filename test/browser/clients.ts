/** Clients page checks of the dashboard test: segments, the customer list (filters, sort, paging) and its CSV export. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Row } from '../../web/src/api/types.ts';
import { column, getJson, openPage, textOf } from '../support/dashboard.ts';
import { fr } from '../support/fr-format.ts';

type Score = Row<'client_scores'> & { pays?: string | null };

/** `/scores` with the dashboard's default order unless told otherwise. */
async function scores(base: string, query: Record<string, string | number>) {
  const params = new URLSearchParams(Object.entries({ sort: '-value_at_risk_12m', limit: 25, offset: 0, ...query }).map(([k, v]) => [k, String(v)]));
  return getJson<Score[]>(base, `/scores?${params}`);
}

/** Client ids shown in the table, read from "Nom n° 123". */
async function shownIds(page: Page): Promise<number[]> {
  return (await column(page, 'scores', 'id_client')).map((text) => Number(/n° (\d+)/.exec(text)?.[1]));
}

async function settled(page: Page): Promise<void> {
  await page.locator('.client-list[data-state="ready"]').waitFor();
}

async function shownCount(page: Page): Promise<number> {
  return Number(await page.locator('[data-count]').getAttribute('data-count'));
}

export async function checkSegments(page: Page, base: string): Promise<void> {
  const segments = (await getJson<Row<'segment_summary'>[]>(base, '/segments')).data;
  expect((await openPage(page, base, 'clients')).state).toBe('ready');
  expect(segments.length).toBe(5);
  for (const s of segments) {
    const card = page.locator(`.segment[data-segment="${s.segment_label}"]`);
    expect(await textOf(card.locator('header'))).toContain(`${fr.int(s.n_clients!)} clients`);
    expect(await textOf(card.locator('[data-field="sum_expected_value_12m"]'))).toBe(fr.eur0(s.sum_expected_value_12m!));
    expect(await textOf(card.locator('[data-field="sum_value_at_risk_12m"]'))).toBe(fr.eur0(s.sum_value_at_risk_12m!));
    expect(await textOf(card.locator('[data-field="action"]'))).toBe(s.action);
  }
}

export async function checkClientList(page: Page, base: string): Promise<void> {
  expect((await openPage(page, base, 'clients')).state).toBe('ready');
  const all = await scores(base, {});
  expect(await shownCount(page)).toBe(all.meta.count);
  expect(await shownIds(page)).toEqual(all.data.map((r) => r.id_client));

  // Filters: segment, then country and a minimum probability on top.
  await page.selectOption('select[name="segment"]', 'Dormants');
  await settled(page);
  const dormants = await scores(base, { segment: 'Dormants' });
  expect(await shownCount(page)).toBe(dormants.meta.count);
  expect(dormants.meta.count).toBeLessThan(all.meta.count);
  expect(await shownIds(page)).toEqual(dormants.data.map((r) => r.id_client));
  expect(new Set(await column(page, 'scores', 'segment_label'))).toEqual(new Set(['Dormants']));

  // Paging: the next page is the next window of the same query, fetched from the server.
  await page.click('button[name="next"]');
  await settled(page);
  expect(await shownIds(page)).toEqual((await scores(base, { segment: 'Dormants', offset: 25 })).data.map((r) => r.id_client));
  await page.selectOption('select[name="size"]', '50');
  await settled(page);
  expect(await shownIds(page)).toEqual((await scores(base, { segment: 'Dormants', limit: 50 })).data.map((r) => r.id_client));

  // Sorting: a click sorts by the column, descending; a second click, ascending.
  const header = page.locator('th[data-col="prob_reachat_12m"] button');
  await header.click();
  await settled(page);
  expect(await shownIds(page)).toEqual((await scores(base, { segment: 'Dormants', limit: 50, sort: '-prob_reachat_12m' })).data.map((r) => r.id_client));
  await page.locator('th[data-col="prob_reachat_12m"] button').click();
  await settled(page);
  expect(await shownIds(page)).toEqual((await scores(base, { segment: 'Dormants', limit: 50, sort: 'prob_reachat_12m' })).data.map((r) => r.id_client));

  await page.selectOption('select[name="pays"]', 'France');
  await settled(page);
  await page.fill('input[name="min"]', '5');
  await page.press('input[name="min"]', 'Enter');
  await page.locator('input[name="min"]').blur();
  await settled(page);
  const narrowed = await scores(base, { segment: 'Dormants', pays: 'France', min_prob: 0.05, limit: 50, sort: 'prob_reachat_12m' });
  expect(await shownCount(page)).toBe(narrowed.meta.count);
  expect(await shownIds(page)).toEqual(narrowed.data.map((r) => r.id_client));
  expect(new Set(await column(page, 'scores', 'pays'))).toEqual(new Set(narrowed.meta.count ? ['France'] : []));

  // The filters live in the URL: a reload shows the same list.
  expect(page.url()).toMatch(/segment=Dormants.*pays=France.*min=5/);
  await page.reload();
  await page.locator('#view[data-state="ready"]').waitFor();
  expect(await page.inputValue('select[name="segment"]')).toBe('Dormants');
  expect(await shownIds(page)).toEqual(narrowed.data.map((r) => r.id_client));
}

export async function checkCsvExport(page: Page, base: string): Promise<void> {
  const query = { segment: 'VIP', min_prob: 0.1 };
  expect((await openPage(page, base, 'clients', '?segment=VIP&min=10')).state).toBe('ready');
  const expected: Score[] = [];
  for (let offset = 0; ; offset += 1000) {
    const chunk = await scores(base, { ...query, limit: 1000, offset });
    expected.push(...chunk.data);
    if (expected.length >= chunk.meta.count || chunk.data.length === 0) break;
  }
  expect(expected.length).toBeGreaterThan(25); // more than one page: the export is not just what is on screen

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[name="export"]')]);
  expect(download.suggestedFilename()).toMatch(/^clients_vip_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [head, ...lines] = text.slice(1).trimEnd().split('\r\n');
  const columns = head!.split(';');
  // French headers, for a French spreadsheet.
  expect(columns).toEqual([
    'N° client', 'Nom', 'Pays', 'Segment', 'Prob. de ré-achat 12 mois (%)', 'Valeur attendue 12 mois (€)',
    'Valeur à risque 12 mois (€)', 'Dernier achat', 'Achats', 'Dépense totale (€)',
  ]);
  const rows = lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [columns[i], v])));
  expect(rows.length).toBe(expected.length);
  expect(rows.map((r) => Number(r['N° client']))).toEqual(expected.map((r) => r.id_client));
  // Rounded values with a decimal comma (no float noise), dates as a French reader writes them.
  expect(rows.map((r) => r['Prob. de ré-achat 12 mois (%)'])).toEqual(expected.map((r) => (r.prob_reachat_12m! * 100).toFixed(1).replace('.', ',')));
  expect(rows.map((r) => r['Valeur attendue 12 mois (€)'])).toEqual(expected.map((r) => r.expected_value_12m!.toFixed(2).replace('.', ',')));
  expect(rows.every((r) => /^\d+(,\d{1,2})?$/.test(r['Dépense totale (€)']!))).toBe(true);
  const asOf = (await scores(base, { limit: 1 })).meta.as_of!;
  const day = (recency: number) => {
    const d = new Date(`${asOf}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - recency);
    return d.toISOString().slice(0, 10).split('-').reverse().join('/');
  };
  expect(rows.map((r) => r['Dernier achat'])).toEqual(expected.map((r) => (r.recency_days === null ? '' : day(r.recency_days))));
  expect(new Set(rows.map((r) => r['Segment']))).toEqual(new Set(['VIP']));
  expect(await textOf(page.locator('.export .inline-status'))).toContain(`${fr.int(expected.length)} clients exportés`);
}
