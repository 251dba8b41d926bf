/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core)
 * against a real `electrolake serve` on a freshly generated lake. Every page
 * is checked against the API's own answers, the customer list's filters,
 * sorting, paging and CSV export are exercised, the phone width is checked
 * for horizontal overflow, and each page is screenshotted (desktop and
 * phone, test-artifacts/screenshots/) and timed.
 *
 * DASHBOARD_SCALE (default 2) sets the lake's size; the time-to-interactive
 * figures of docs/dashboard.md come from DASHBOARD_SCALE=10.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { DESKTOP, frenchPage, openDashboard, openRoute, PAGES, PHONE, screenshot, type DashboardSession } from '../support/dashboard.ts';
import { checkBenchmark, checkCohortes, checkModeles, checkOverview, checkQualite, checkVentes } from './pages.ts';
import { checkClientList, checkCsvExport, checkSegments } from './clients.ts';
import { checkBadFilters, checkClientSort, checkDataDate, checkFrenchOnly, checkPhoneLayout, checkVentesFixes } from './fixes.ts';
import { checkCallList, checkClientPage, checkSearch } from './worklist.ts';
import { seriousViolations } from '../support/axe.ts';

const SCALE = process.env['DASHBOARD_SCALE'] ?? '2';
const RUN_DATE = '2026-01-15';

describe(`dashboard on a scale-${SCALE} lake`, () => {
  let session: DashboardSession;
  let server: DashboardSession['server'];
  let page: Page;
  let seen: DashboardSession['seen'];
  let sources: string;
  const timings: { page: string; desktop: number; phone?: number }[] = [];

  beforeAll(async () => {
    const dir = tempDir('electrolake-dashboard-');
    const lake = join(dir, 'lake');
    sources = join(dir, 'sources');
    for (const args of [
      ['generate', '--scale', SCALE, '--dirty', '0.02', '--out', sources],
      ['run', '--sources', sources, '--lake', lake, '--run-date', RUN_DATE],
      ['check', '--lake', lake],
      ['publish', '--lake', lake, '--store', 'embedded'],
    ]) {
      const result = cli(args);
      expect(result.status, `electrolake ${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    session = await openDashboard(['--lake', lake, '--store', 'embedded']);
    ({ server, page, seen } = session);
  });

  afterAll(async () => {
    await session?.close();
    if (timings.length) {
      console.log(`time to interactive, scale ${SCALE} (ms from navigation start to the page's data on screen):`);
      console.table(timings);
    }
  });

  it('À appeler: the landing page, the call list with its tabs, filters in the URL, reasons, mailto links, dates and CSV export', async () => {
    await checkCallList(page, server.url);
  });

  it("client page: identity, scores, reason, and the purchases of the sources; 404 and bad id in French", async () => {
    await checkClientPage(page, server.url, sources, RUN_DATE);
  });

  it('search box: a name without accents finds the client, a number opens it', async () => {
    await checkSearch(page, server.url);
  });

  it('Ventes: all-time blocks labelled, 3-month preset, colours kept after a period change, partial week said', async () => {
    await checkVentesFixes(page, server.url);
  });

  it('top bar: the served data date and its age, the same on every page', async () => {
    await checkDataDate(page, server.url);
  });

  it('a bad filter in the URL is removed and said in French', async () => {
    await checkBadFilters(page, server.url);
  });

  it('Clients: « Trier par » keeps expected value as an option; percentages with one decimal', async () => {
    await checkClientSort(page, server.url);
  });

  it('no English left on any page', async () => {
    await checkFrenchOnly(page, server.url);
  });

  it("Vue d'ensemble: KPI cards and monthly growth match /kpis and /monthly_growth", async () => {
    await checkOverview(page, server.url);
  });

  it('Ventes: range totals follow the date range; distribution, countries and products match the API', async () => {
    await checkVentes(page, server.url);
  });

  it('Clients: segment cards match /segments', async () => {
    await checkSegments(page, server.url);
  });

  it('Clients: filters, sorting and paging change the table as /scores does', async () => {
    await checkClientList(page, server.url);
  });

  it('Clients: CSV export downloads every filtered row', async () => {
    await checkCsvExport(page, server.url);
  });

  it('Cohortes: retention heat map and milestones match /cohort', async () => {
    await checkCohortes(page, server.url);
  });

  it('Qualité: manifest and check report match /runs/latest and /quality', async () => {
    await checkQualite(page, server.url);
  });

  it('Benchmark and Modèles: data or a helpful empty state', async () => {
    await checkBenchmark(page, server.url);
    await checkModeles(page, server.url);
  });

  it('every page: screenshots (1440×900 and 390×844), no serious axe violation, no horizontal overflow at 390 px, time to interactive', async () => {
    const { page: phonePage, seen: phoneSeen } = await frenchPage(session.browser, PHONE);
    await checkPhoneLayout(phonePage, server.url);
    const clientId = (await (await fetch(`${server.url}/call_list?limit=1`)).json() as { data: { id_client: number }[] }).data[0]!.id_client;
    const violations: Record<string, unknown[]> = {};
    for (const p of [...PAGES, { path: 'client', title: 'Fiche client', route: `clients/${clientId}` }]) {
      const route = 'route' in p ? p.route : p.path;
      await page.setViewportSize(DESKTOP);
      const desktop = await openRoute(page, server.url, route, p.path);
      // Benchmark and Modèles may legitimately have nothing yet; every other page has data.
      expect(desktop.state, p.path).toMatch(p.path === 'benchmark' || p.path === 'modeles' ? /^(ready|empty)$/ : /^ready$/);
      await screenshot(page, `${p.path}-desktop`);
      violations[`${p.path} 1440`] = await seriousViolations(page);
      const small = await openRoute(phonePage, server.url, route, p.path);
      const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${p.path} is wider than the phone`).toBeLessThanOrEqual(0);
      await screenshot(phonePage, `${p.path}-phone`);
      violations[`${p.path} 390`] = await seriousViolations(phonePage);
      timings.push({ page: p.title, desktop: Math.round(desktop.ttiMs), phone: Math.round(small.ttiMs) });
    }
    expect(Object.fromEntries(Object.entries(violations).filter(([, v]) => v.length > 0))).toEqual({});
    expect(phoneSeen.errors).toEqual([]);
    await phonePage.context().close();
  }, 900_000);

  it('no console errors, and no failed request but the optional ones', () => {
    expect(seen.errors).toEqual([]);
    // /models may not exist yet, and a lake may have no benchmark: those pages show an empty state.
    // The unknown client is asked for on purpose (its page says so in French).
    expect(seen.failed.filter((f) => !/^\/(models|benchmark|clients\/999999999)$/.test(f.url))).toEqual([]);
  });
});
