/**
 * The dashboard's top bar on a lake kept fresh by `electrolake refresh`: it
 * says when the last successful refresh was, and after a failed night it
 * says so with a link to the Qualité page (so nobody is surprised by
 * yesterday's figures). The failing refresh runs while the server is up:
 * `/health` reads the lake's refresh status on each call.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { openDashboard, openPage, screenshot, textOf, type DashboardSession } from '../support/dashboard.ts';

describe('dashboard top bar after refreshes', () => {
  const dir = tempDir('electrolake-dashboard-refresh-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');
  const refresh = () => cli(['refresh', '--from', landing, '--lake', lake, '--store', 'embedded', '--model', 'heuristic'], { env: { MONGO_URI: '' } });
  let session: DashboardSession;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    expect(cli(['generate', '--scale', '0.05', '--seed', '5', '--days-per-file', '1000', '--out', landing]).status).toBe(0);
    const good = refresh();
    expect(good.status, good.stderr).toBe(0);
    session = await openDashboard(['--lake', lake, '--store', 'embedded']);
    page = session.page;
    url = session.server.url;
  }, 300_000);

  afterAll(() => session?.close());

  it('says when the last successful refresh was', async () => {
    expect((await openPage(page, url, 'vue-d-ensemble')).state).toBe('ready');
    const refreshed = page.locator('#as-of .refreshed');
    await refreshed.waitFor({ timeout: 30_000 });
    expect(await textOf(refreshed)).toMatch(/^actualisé le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await page.locator('#as-of .refresh-failed').count()).toBe(0);
  });

  it('after a refresh that fails at ingest, links « en échec » to the Qualité page', { timeout: 300_000 }, async () => {
    writeFileSync(join(landing, 'achats_2025-12-31.csv'), 'id_achat;id_client;date_achat;montant;produit\n1;2;2025-12-31;10;Four\n');
    const bad = refresh();
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/refresh ingest +FAILED/);

    expect((await openPage(page, url, 'vue-d-ensemble')).state).toBe('ready');
    const failed = page.locator('#as-of a.refresh-failed');
    await failed.waitFor({ timeout: 30_000 });
    expect(await textOf(failed)).toBe('Actualisation de cette nuit en échec : voir Qualité');
    expect(await failed.getAttribute('href')).toBe('#/qualite');
    expect(await failed.getAttribute('title')).toMatch(/^Échec à l'étape ingest le .+ \(dernière réussie : \d{2}\/\d{2}\/\d{4} /);
    expect(await page.locator('#as-of .refreshed').count()).toBe(0);
    await screenshot(page, 'top-bar-refresh-failed');

    await failed.click();
    expect(await page.locator('#view[data-page="qualite"]:not([data-state="loading"])').getAttribute('data-state', { timeout: 30_000 })).toBe('ready');
    expect(page.url()).toMatch(/#\/qualite$/);
  });

  it('no console errors', () => {
    expect(session.seen.errors).toEqual([]);
  });
});
