/**
 * The dashboard when the API asks for tokens: it asks for one once (kept in
 * sessionStorage), refuses an unknown one, shows the role, shows only the
 * pages the role may see, and « Se déconnecter » brings the form back.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/token-file.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { tempDir } from '../support/cli.ts';
import { openDashboard, PAGES, screenshot, textOf, type DashboardSession } from '../support/dashboard.ts';
import { buildLake } from '../support/serving.ts';

const ADMIN_ONLY = ['qualite', 'benchmark', 'modeles'];
/** The call list shows names and e-mails: sales and admin tokens only. */
const SALES_ONLY = ['a-appeler'];

describe('dashboard login', () => {
  let session: DashboardSession;
  let server: DashboardSession['server'];
  let page: Page;
  let seen: DashboardSession['seen'];
  const tokens = { viewer: '', admin: '' };

  beforeAll(async () => {
    const dir = tempDir('electrolake-dashboard-auth-');
    const lake = buildLake(dir, { scale: 0.05, seed: 8 });
    const local = new LocalLake(lake, join(dir, 'sources'));
    tokens.viewer = (await createToken(local, 'lea', 'viewer')).token;
    tokens.admin = (await createToken(local, 'adam', 'admin')).token;
    session = await openDashboard(['--lake', lake, '--store', 'embedded']);
    ({ server, page, seen } = session);
  });

  afterAll(() => session?.close());

  async function signIn(token: string): Promise<void> {
    await page.locator('#login input[name="token"]').fill(token);
    await page.locator('#login button[type="submit"]').click();
  }

  async function navPaths(): Promise<string[]> {
    return page.locator('#nav a').evaluateAll((links) => links.map((a) => (a as HTMLElement).dataset['path'] ?? ''));
  }

  it('asks for a token, and refuses an unknown one', async () => {
    await page.goto(`${server.url}/#/`);
    await page.locator('#login').waitFor();
    await screenshot(page, 'login');
    await signIn(`${tokens.viewer.slice(0, -1)}A`);
    await page.locator('#login [role="alert"]').waitFor({ timeout: 30_000 });
    expect(await textOf(page.locator('#login [role="alert"]'))).toMatch(/inconnu ou révoqué/);
  });

  it('a viewer sees the role and only the aggregate pages, without names', async () => {
    await signIn(tokens.viewer);
    await page.locator('#session').waitFor();
    expect(await textOf(page.locator('#session'))).toContain('lea · Lecture');
    expect(await navPaths()).toEqual(PAGES.map((p) => p.path).filter((p) => !ADMIN_ONLY.includes(p) && !SALES_ONLY.includes(p)));
    await page.locator('#view[data-state="ready"]').waitFor({ timeout: 30_000 });
    // The token is kept for the tab: a reload does not ask again.
    await page.reload();
    await page.locator('#session').waitFor();
    expect(await page.locator('#login').count()).toBe(0);
    await screenshot(page, 'login-viewer');
  });

  it('« Se déconnecter » forgets the token and shows the form again', async () => {
    await page.locator('#logout').click();
    await page.locator('#login').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('electrolake.token'))).toBeNull();
  });

  it('an admin sees every page, including Qualité, Benchmark and Modèles', async () => {
    await signIn(tokens.admin);
    await page.locator('#session').waitFor();
    expect(await textOf(page.locator('#session'))).toContain('adam · Administrateur');
    expect(await navPaths()).toEqual(PAGES.map((p) => p.path));
    await page.goto(`${server.url}/#/qualite`);
    await page.locator('#view[data-page="qualite"]:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  });

  it('no console errors; the only refused requests are the login attempts', () => {
    // 401: the refused token; ERR_ABORTED: requests cut short by the reloads of the test and of « Se déconnecter ».
    expect(seen.errors.filter((e) => !/401|ERR_ABORTED/.test(e))).toEqual([]);
    expect(seen.failed.filter((f) => f.status !== 401 && f.status !== 503)).toEqual([]);
  });
});
