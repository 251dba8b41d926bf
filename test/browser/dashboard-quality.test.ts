/**
 * The Qualité page on a real run at a desktop (1440 px), a laptop
 * (1280 px) and a phone (390 px) width: the run's end, duration and peak memory, no hidden path
 * in its heading, the reconciliation headers whole, every link of the top
 * bar visible; then the same lake
 * without its run's record, as an older lake may be: the page says what was
 * not recorded instead of « — » or « 0 Mo ». Screenshots in
 * test-artifacts/screenshots/qualite-*.png.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatestRun, RunManifest } from '../../web/src/api/types.ts';
import { cliOk, tempDir } from '../support/cli.ts';
import { DESKTOP, getJson, openDashboard, openPage, PHONE, screenshot, textOf, type DashboardSession } from '../support/dashboard.ts';
import { fr } from '../support/fr-format.ts';
import { checkQualite } from './pages.ts';

const LAPTOP = { width: 1280, height: 800 };
const card = (page: Page, id: string, part: 'value' | 'hint') => textOf(page.locator(`[data-kpi="${id}"] .card-${part}`));

describe('Qualité on a real run', () => {
  let session: DashboardSession;
  let page: Page;
  let base: string;
  let lake: string;

  beforeAll(async () => {
    const dir = tempDir('electrolake-quality-');
    lake = join(dir, 'lake');
    const sources = join(dir, 'sources');
    cliOk(['generate', '--scale', '0.5', '--dirty', '0.02', '--out', sources]);
    cliOk(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
    cliOk(['check', '--lake', lake]);
    cliOk(['publish', '--lake', lake, '--store', 'embedded']);
    session = await openDashboard(['--lake', lake, '--store', 'embedded']);
    ({ page } = session);
    base = session.server.url;
  });

  afterAll(() => session?.close());

  it.each([['desktop', DESKTOP], ['laptop', LAPTOP], ['phone', PHONE]] as const)(
    '%s width: end time, duration and peak memory of the run; no path; every reconciliation header (or card, on a phone) inside its box; every page link shown',
    async (name, viewport) => {
      await page.setViewportSize(viewport);
      await checkQualite(page, base);
      // Every page link shows: the nav scrolls without a scrollbar, so a link past its edge is one nobody finds.
      const nav = page.locator('.topbar .nav');
      expect(await nav.evaluate((e) => e.scrollWidth - e.clientWidth), 'links hidden past the nav edge').toBeLessThanOrEqual(0);
      await screenshot(page, `qualite-${name}-${viewport.width}`);
    },
  );

  it('a lake without its run record: the publication time, and « non mesurée » rather than « — » or « 0 Mo »', async () => {
    const snapshot = (await getJson<LatestRun>(base, '/runs/latest')).data;
    rmSync(join(lake, '_runs', `${snapshot.run_id}.json`));
    const served = (await getJson<RunManifest & { committed_at: string }>(base, '/runs/latest')).data;
    // What the snapshot alone knows: the commit is written before the run ends.
    expect([served.finished_at, served.timings_s['total'], served.peak_rss_mb]).toEqual(['', undefined, 0]);

    await page.setViewportSize(DESKTOP);
    expect((await openPage(page, base, 'qualite')).state).toBe('ready');
    expect(await card(page, 'finished_at', 'value')).toBe(fr.dateTime(served.committed_at));
    expect(await card(page, 'finished_at', 'hint')).toBe('heure de publication (fin non enregistrée)');
    expect(await card(page, 'total', 'value')).toBe('non mesurée');
    expect(await card(page, 'total', 'hint')).toBe('mémoire max. non mesurée');
    await screenshot(page, 'qualite-without-run-record');
  });

  it('no console errors, no failed request', () => {
    expect(session.seen.errors).toEqual([]);
    expect(session.seen.failed.filter((f) => !/^\/(models|benchmark)$/.test(f.url))).toEqual([]);
  });
});
