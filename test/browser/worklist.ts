/** « À appeler », the client page and the search box, checked against the API and the sources CSV. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CallRow, ClientDetail, ClientHit } from '../../web/src/api/types.ts';
import { getJson, openPage, plain, textOf } from '../support/dashboard.ts';
import { fr } from '../support/fr-format.ts';

const ACTION_LABELS: Record<string, string> = {
  relancer: 'Relancer', fideliser: 'Fidéliser', developper: 'Développer', convertir: 'Convertir', reactiver: 'Réactiver',
};
const frDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

async function callList(base: string, query: Record<string, string | number> = {}) {
  const params = new URLSearchParams(Object.entries({ limit: 25, offset: 0, ...query }).map(([k, v]) => [k, String(v)]));
  return getJson<CallRow[]>(base, `/call_list?${params}`);
}

/** Client ids of the call list on screen, from the links to their pages. */
async function shownIds(page: Page): Promise<number[]> {
  const hrefs = await page.locator('table[data-table="call_list"] tbody td[data-col="client"] a.client-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => Number(h.split('/').at(-1)));
}

async function settledOn(page: Page, path: string): Promise<void> {
  await page.locator(`#view[data-page="${path}"]:not([data-state="loading"])`).waitFor({ timeout: 30_000 });
}

export async function checkCallList(page: Page, base: string): Promise<void> {
  const all = await callList(base);
  expect(all.data.length).toBeGreaterThan(0);
  // `#/` lands on « À appeler », first in the nav bar.
  await page.goto(`${base}/#/`);
  await settledOn(page, 'a-appeler');
  expect(await textOf(page.locator('#nav a').first())).toBe('À appeler');
  expect(await shownIds(page)).toEqual(all.data.map((r) => r.id_client));
  expect(Number(await page.locator('[data-count]').getAttribute('data-count'))).toBe(all.meta.count);

  // Every row: the reason, the last purchase as a date, a mailto link when the e-mail is valid.
  const cells = (col: string) => page.locator(`table[data-table="call_list"] tbody td[data-col="${col}"]`).allTextContents();
  expect((await cells('reason')).map(plain)).toEqual(all.data.map((r) => plain(r.reason)));
  expect(all.data.every((r) => (r.reason ?? '').length > 0)).toBe(true);
  const last = (await cells('last_purchase_date')).map(plain);
  all.data.forEach((r, i) => expect(last[i]).toContain(r.last_purchase_date ? frDate(r.last_purchase_date) : 'jamais'));
  const mailtos = await page.locator('table[data-table="call_list"] a[href^="mailto:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(mailtos).toEqual(all.data.filter((r) => r.email).map((r) => `mailto:${r.email}`));

  // Tabs: one per action with its count; a click filters, and the URL says so.
  for (const [action, label] of Object.entries(ACTION_LABELS)) {
    const count = (await callList(base, { action, limit: 1 })).meta.count;
    const tab = page.locator(`.tabs a[data-action="${action}"]`);
    expect(await textOf(tab)).toMatch(new RegExp(`^${label}`));
    expect(await textOf(tab.locator('.tab-count'))).toBe(fr.int(count));
  }
  await page.click('.tabs a[data-action="relancer"]');
  await page.locator('.tabs a[data-action="relancer"][aria-current]').waitFor(); // the list redrawn for the tab
  await settledOn(page, 'a-appeler');
  expect(page.url()).toContain('action=relancer');
  const relancer = await callList(base, { action: 'relancer' });
  expect(await shownIds(page)).toEqual(relancer.data.map((r) => r.id_client));
  const badges = await page.locator('table[data-table="call_list"] td[data-col="client"] .badge.action').allTextContents();
  expect(new Set(badges)).toEqual(new Set(relancer.data.length ? ['Relancer'] : []));

  // A country on top; kept in the URL through a reload.
  await page.selectOption('select[name="pays"]', 'France');
  await page.locator('.tabs a[href*="pays=France"]').first().waitFor(); // the list redrawn for the country
  await settledOn(page, 'a-appeler');
  expect(page.url()).toMatch(/pays=France/);
  const france = await callList(base, { action: 'relancer', pays: 'France' });
  expect(await shownIds(page)).toEqual(france.data.map((r) => r.id_client));
  await page.reload();
  await settledOn(page, 'a-appeler');
  expect(await page.inputValue('select[name="pays"]')).toBe('France');
  expect(await shownIds(page)).toEqual(france.data.map((r) => r.id_client));

  // CSV: every matching row, French headers, rounded values, dates.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[name="export"]')]);
  expect(download.suggestedFilename()).toMatch(/^a-appeler_relancer_france_\d{4}-\d{2}-\d{2}\.csv$/);
  const [head, ...lines] = readFileSync((await download.path())!, 'utf8').slice(1).trimEnd().split('\r\n');
  const columns = head!.split(';');
  expect(columns.slice(0, 3)).toEqual(['Rang', 'N° client', 'Nom']);
  expect(columns).toContain('Dernier achat');
  expect(lines.length).toBe(france.meta.count);
  const rows = lines.map((l) => Object.fromEntries(parseCsvLine(l).map((v, i) => [columns[i], v])));
  expect(rows.slice(0, france.data.length).map((r) => Number(r['N° client']))).toEqual(france.data.map((r) => r.id_client));
  expect(rows.slice(0, france.data.length).map((r) => r['Dernier achat'])).toEqual(france.data.map((r) => (r.last_purchase_date ? frDate(r.last_purchase_date) : '')));
  expect(rows.slice(0, france.data.length).map((r) => r['Prob. de ré-achat 12 mois (%)'])).toEqual(france.data.map((r) => (r.prob_reachat_12m! * 100).toFixed(1).replace('.', ',')));
}

/** One CSV line with quoted fields (the reason may hold a `;`). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^;]*)(;|$)/g;
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
  return out;
}

/** The client's valid purchases in the sources CSV, read here independently of the pipeline (repairs applied, defects left out). */
function sourcePurchases(sources: string, id: number, runDate: string): { date: string; montant: number; produit: string }[] {
  const [, ...lines] = readFileSync(join(sources, 'achats.csv'), 'utf8').trimEnd().split(/\r?\n/);
  const byId = new Map<string, string[]>();
  for (const line of lines) {
    const [, idAchat = '', idClient = ''] = /^([^,]*),([^,]*),/.exec(line) ?? [];
    if (idClient.trim() === String(id)) byId.set(idAchat, [...(byId.get(idAchat) ?? []), line]);
  }
  const parsed = [...byId.entries()].flatMap(([idAchat, versions]) => {
    const typed = versions.map(typedPurchase);
    if (!/^\d+$/.test(idAchat.trim()) || typed.some((t) => t === null)) return [];
    const keys = new Set(typed.map((t) => JSON.stringify(t)));
    return keys.size === 1 ? [typed[0]!] : []; // a conflicting duplicate is quarantined
  });
  return parsed.filter((p) => p.date <= runDate);
}

function typedPurchase(line: string): { date: string; montant: number; produit: string } | null {
  const m = /^[^,]*,[^,]*,([^,]*),("[^"]*"|[^,]*),(.*)$/.exec(line);
  if (!m) return null;
  const rawDate = m[1]!.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? rawDate : /^\d{2}\/\d{2}\/\d{4}$/.test(rawDate) ? rawDate.split('/').reverse().join('-') : null;
  const rawAmount = m[2]!.replace(/"/g, '').trim();
  const montant = /^-?\d+([.,]\d+)?$/.test(rawAmount) ? Number(rawAmount.replace(',', '.')) : Number.NaN;
  const produit = m[3]!.trim();
  if (!date || Number.isNaN(Date.parse(date)) || !(montant >= 0) || !produit) return null;
  return { date, montant, produit };
}

export async function checkClientPage(page: Page, base: string, sources: string, runDate: string): Promise<void> {
  // From the call list, a click on a name opens the client's page.
  const first = (await callList(base, { limit: 5 })).data.find((r) => r.last_purchase_date) ?? (await callList(base, { limit: 1 })).data[0]!;
  expect((await openPage(page, base, 'a-appeler')).state).toBe('ready');
  await page.click(`table[data-table="call_list"] a[href="#/clients/${first.id_client}"]`);
  await settledOn(page, 'client');
  expect(page.url()).toContain(`#/clients/${first.id_client}`);
  const client = (await getJson<ClientDetail>(base, `/clients/${first.id_client}`)).data;
  expect(await textOf(page.locator('h1'))).toBe(client.nom ?? '');
  if (client.reason) expect(await textOf(page.locator('[data-field="reason"]'))).toBe(plain(client.reason));
  expect(await textOf(page.locator('[data-kpi="prob_reachat_12m"] .card-value'))).toBe(fr.pct(client.scores.prob_reachat_12m!));

  // The purchase rows: the API's, and the sources' own for this client.
  const dates = (await page.locator('table[data-table="purchases"] td[data-col="date_achat"]').allTextContents()).map(plain);
  const amounts = (await page.locator('table[data-table="purchases"] td[data-col="montant"]').allTextContents()).map(plain);
  expect(dates).toEqual(client.purchases.map((p) => frDate(p.date_achat)));
  expect(amounts).toEqual(client.purchases.map((p) => fr.eur(p.montant)));
  const fromSources = sourcePurchases(sources, first.id_client!, runDate);
  expect(fromSources.length).toBeGreaterThan(0);
  // Same purchases (two on one day may come in either order).
  const pairs = (d: string[], a: string[]) => d.map((x, i) => `${x} ${a[i]}`).sort();
  expect(pairs(dates, amounts)).toEqual(pairs(fromSources.map((p) => frDate(p.date)), fromSources.map((p) => fr.eur(p.montant))));
  expect(await page.locator('[data-chart="Achats du client dans le temps"] canvas').count()).toBeGreaterThan(0);

  // An unknown client and a bad id: a French message, not an API error.
  await page.goto(`${base}/#/clients/999999999`);
  await settledOn(page, 'client');
  expect(await textOf(page.locator('#view [data-testid="empty"]'))).toContain('Aucun client n° 999999999');
  await page.goto(`${base}/#/clients/abc`);
  await settledOn(page, 'client');
  expect(await textOf(page.locator('#view [data-testid="empty"]'))).toContain('Numéro de client invalide');
}

export async function checkSearch(page: Page, base: string): Promise<void> {
  // A name with an accent if the list has one, typed in lower case without it, as people type.
  const rows = (await callList(base, { limit: 200 })).data;
  const target = rows.find((r) => /[À-ÿ]/.test(r.nom ?? '')) ?? rows[0]!;
  const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const typed = fold(target.nom ?? '');
  const hits = (await getJson<ClientHit[]>(base, `/clients?q=${encodeURIComponent(typed)}&limit=8`)).data;
  expect(hits.length).toBeGreaterThan(0);
  expect(hits.every((h) => fold(h.nom ?? '').includes(typed))).toBe(true);
  expect((await openPage(page, base, 'vue-d-ensemble')).state).toBe('ready');
  await page.fill('input[name="q"]', typed);
  const links = page.locator('.search-hits a');
  await links.first().waitFor();
  expect(await links.evaluateAll((as) => as.map((a) => Number(a.getAttribute('href')?.split('/').at(-1))))).toEqual(hits.map((h) => h.id_client));
  await links.first().click();
  await settledOn(page, 'client');
  expect(page.url()).toContain(`#/clients/${hits[0]!.id_client}`);
  expect(await textOf(page.locator('h1'))).toBe(hits[0]!.nom ?? '');
  // A client number and Enter go straight to the client.
  await page.fill('input[name="q"]', String(target.id_client));
  await page.press('input[name="q"]', 'Enter');
  await page.waitForURL(new RegExp(`#/clients/${target.id_client}$`));
  await settledOn(page, 'client');
  expect(await textOf(page.locator('h1'))).toBe(target.nom ?? '');
}
