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
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { cli, tempDir } from '../support/cli.ts';
import { DESKTOP, frenchContext, openPage, PAGES, PHONE, screenshot, watch } from '../support/dashboard.ts';
import { startServe, type RunningServer } from '../support/serve.ts';
import { ensureWebBuild } from '../support/web-build.ts';
import { checkBenchmark, checkCohortes, checkModeles, checkOverview, checkQualite, checkVentes } from './pages.ts';
import { checkClientList, checkCsvExport, checkSegments } from './clients.ts';

const SCALE = process.env['DASHBOARD_SCALE'] ?? '2';

describe(`dashboard on a scale-${SCALE} lake`, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  const timings: { page: string; desktop: number; phone?: number }[] = [];

  beforeAll(async () => {
    const build = ensureWebBuild();
    if (build.built) console.log(`built web/dist in ${build.seconds.toFixed(1)} s`);
    const dir = tempDir('electrolake-dashboard-');
    const lake = join(dir, 'lake');
    for (const args of [
      ['generate', '--scale', SCALE, '--dirty', '0.02', '--out', join(dir, 'sources')],
      ['run', '--sources', join(dir, 'sources'), '--lake', lake, '--run-date', '2026-01-15'],
      ['check', '--lake', lake],
      ['publish', '--lake', lake, '--store', 'embedded'],
    ]) {
      const result = cli(args);
      expect(result.status, `electrolake ${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    server = await startServe(['--lake', lake, '--store', 'embedded']);
    browser = await launchChromium();
    context = await frenchContext(browser);
    page = await context.newPage();
    seen = watch(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (timings.length) {
      console.log(`time to interactive, scale ${SCALE} (ms from navigation start to the page's data on screen):`);
      console.table(timings);
    }
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

  it('every page: screenshots (desktop and phone), no horizontal overflow at 390 px, time to interactive', async () => {
    const phone = await frenchContext(browser, PHONE);
    const phonePage = await phone.newPage();
    const phoneSeen = watch(phonePage);
    for (const p of PAGES) {
      await page.setViewportSize(DESKTOP);
      const desktop = await openPage(page, server.url, p.path);
      // Benchmark and Modèles may legitimately have nothing yet; every other page has data.
      expect(desktop.state, p.path).toMatch(p.path === 'benchmark' || p.path === 'modeles' ? /^(ready|empty)$/ : /^ready$/);
      await screenshot(page, `${p.path}-desktop`);
      const small = await openPage(phonePage, server.url, p.path);
      const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${p.path} is wider than the phone`).toBeLessThanOrEqual(0);
      await screenshot(phonePage, `${p.path}-phone`);
      timings.push({ page: p.title, desktop: Math.round(desktop.ttiMs), phone: Math.round(small.ttiMs) });
    }
    expect(phoneSeen.errors).toEqual([]);
    await phone.close();
  });

  it('no console errors, and no failed request but the optional ones', () => {
    expect(seen.errors).toEqual([]);
    // /models may not exist yet, and a lake may have no benchmark: those pages show an empty state.
    expect(seen.failed.filter((f) => !/^\/(models|benchmark)$/.test(f.url))).toEqual([]);
  });
});
