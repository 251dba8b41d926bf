/**
 * The dashboard against a real `electrolake serve` on an empty lake: every
 * page that reads gold or the run manifest shows the empty state (the API
 * answers 503) with the commands to run, never an error or a blank page.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.ts';
import { openDashboard, openPage, PAGES, screenshot, textOf, type DashboardSession } from '../support/dashboard.ts';
import { checkModeles } from './pages.ts';

describe('dashboard on an empty lake', () => {
  let session: DashboardSession;
  let server: DashboardSession['server'];
  let page: Page;
  let seen: DashboardSession['seen'];

  beforeAll(async () => {
    session = await openDashboard(['--lake', join(tempDir('electrolake-empty-'), 'lake'), '--store', 'embedded']);
    ({ server, page, seen } = session);
  });

  afterAll(() => session?.close());

  it('the API answers 503 for the gold endpoints', async () => {
    for (const path of ['/kpis', '/scores', '/cohort', '/runs/latest']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(503);
    }
  });

  // Benchmark and Modèles do not read the lake (data/metrics, the tracker): their data may exist without it.
  it.each(PAGES.filter((p) => p.path !== 'benchmark' && p.path !== 'modeles').map((p) => [p.title, p.path] as const))(
    '%s shows what to run',
    async (_title, path) => {
      const opened = await openPage(page, server.url, path);
      expect(opened.state).toBe('empty');
      const text = await textOf(page.locator('#view [data-testid="empty"]'));
      // A sales user first (no command in the first lines), the command for the administrator below.
      expect(text).toMatch(/Pour l’administrateur : Lancez electrolake run/);
      expect(text.indexOf('electrolake')).toBeGreaterThan(text.indexOf('Pour l’administrateur'));
      await screenshot(page, `${path}-empty`);
    },
  );

  it('Modèles shows the tracked runs, or what to run when there are none', async () => {
    await checkModeles(page, server.url);
  });

  it('no console errors, and the only failed requests are the 503/404 of missing data', () => {
    expect(seen.errors).toEqual([]);
    expect(seen.failed.filter((f) => f.status !== 503)).toEqual([]);
  });
});
