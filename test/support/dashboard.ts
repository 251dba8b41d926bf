import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { REPO } from './cli.ts';
import { startServe, type RunningServer } from './serve.ts';
import { ensureWebBuild } from './web-build.ts';

export const SCREENSHOTS = join(REPO, 'test-artifacts/screenshots');
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The dashboard's pages: hash route and title. */
export const PAGES = [
  { path: 'a-appeler', title: 'À appeler' },
  { path: 'vue-d-ensemble', title: "Vue d'ensemble" },
  { path: 'ventes', title: 'Ventes' },
  { path: 'clients', title: 'Clients' },
  { path: 'cohortes', title: 'Cohortes' },
  { path: 'qualite', title: 'Qualité' },
  { path: 'benchmark', title: 'Benchmark' },
  { path: 'modeles', title: 'Modèles' },
] as const;

/** A French user's browser: locale and time zone as a sales team in France would have them. */
export async function frenchContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
}

/**
 * Console errors and failed requests of a page. Chromium logs every HTTP
 * error response as a console error ("Failed to load resource"); those are
 * recorded as `responses` instead, so a test can tell an expected 503/404
 * (empty state, no `/models` yet) from a real problem.
 */
export function watch(page: Page): { errors: string[]; failed: { url: string; status: number }[] } {
  const seen = { errors: [] as string[], failed: [] as { url: string; status: number }[] };
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(`${e.name}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push({ url: new URL(r.url()).pathname, status: r.status() });
  });
  page.on('requestfailed', (r) => seen.errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return seen;
}

export type Seen = ReturnType<typeof watch>;

/** A fresh French page of `browser` at `viewport`, watched from its first request. */
export async function frenchPage(browser: Browser, viewport = DESKTOP): Promise<{ page: Page; seen: Seen }> {
  const page = await (await frenchContext(browser, viewport)).newPage();
  return { page, seen: watch(page) };
}

/** What a browser test works with: the server, Chromium, one watched desktop page, and how to end both. */
export interface DashboardSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  seen: Seen;
  close(): Promise<void>;
}

/** Builds the dashboard if stale, starts `electrolake serve SERVE_ARGS`, and opens Chromium on a French desktop page. */
export async function openDashboard(serveArgs: string[]): Promise<DashboardSession> {
  const build = ensureWebBuild();
  if (build.built) console.log(`built web/dist in ${build.seconds.toFixed(1)} s`);
  const server = await startServe(serveArgs);
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  const { page, seen } = await frenchPage(browser);
  return {
    server, browser, page, seen,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

export interface Opened {
  state: string;
  /** ms from the start of navigation to the page's data on screen (the app's `ready:<path>` mark) */
  ttiMs: number;
}

/** Loads a page from scratch (a fresh navigation, as a user opening a bookmark) and waits until it has settled. */
export async function openPage(page: Page, base: string, path: string, query = ''): Promise<Opened> {
  return openRoute(page, base, `${path}${query}`, path);
}

/** The same for any route (`clients/42`), waiting for the page that answers it (`data-page`, e.g. `client`). */
export async function openRoute(page: Page, base: string, route: string, dataPage: string): Promise<Opened> {
  await page.goto('about:blank');
  await page.goto(`${base}/#/${route}`);
  const view = page.locator(`#view[data-page="${dataPage}"]:not([data-state="loading"])`);
  await view.waitFor({ timeout: 30_000 });
  const state = (await view.getAttribute('data-state')) ?? '';
  const ttiMs = await page.evaluate((p) => performance.getEntriesByName(`ready:${p}`).at(-1)?.startTime ?? Number.NaN, dataPage);
  return { state, ttiMs };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Text as a reader sees it: French number formats use (narrow) no-break spaces; compare on plain spaces. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

export async function textOf(locator: Locator): Promise<string> {
  return plain(await locator.textContent());
}

/** Column texts of a `[data-table]` table. */
export async function column(page: Page, table: string, col: string): Promise<string[]> {
  return (await page.locator(`table[data-table="${table}"] tbody td[data-col="${col}"]`).allTextContents()).map(plain);
}

/** Numbers as the API gives them; fetch helper with the envelope's types. */
export interface ApiMeta {
  /** rows of the answer; `/scores`: clients matching, before paging */
  count: number;
  as_of: string | null;
}

export async function getJson<T>(base: string, path: string): Promise<{ status: number; data: T; meta: ApiMeta }> {
  const response = await fetch(`${base}${path}`);
  const body = (await response.json()) as { data: T; meta: ApiMeta };
  return { status: response.status, data: body.data, meta: body.meta };
}
