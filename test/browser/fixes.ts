/** The fixes of the dashboard's review: period, colours, partial week, data date, bad filters, sort, wording, phone layout. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Health } from '../../web/src/api/types.ts';
import { getJson, openPage, PAGES, textOf } from '../support/dashboard.ts';

/** Pixels of a chart's canvas drawn in a colour (within a small tolerance for anti-aliasing). */
async function pixelsOf(page: Page, chart: string, hex: string): Promise<number> {
  return page.locator(`[data-chart="${chart}"] canvas`).first().evaluate((canvas: HTMLCanvasElement, colour: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 12) n++;
    return n;
  }, hex);
}

const APP_BLUE = '#2563eb';
const ECHARTS_DEFAULT_BLUE = '#5470c6';

export async function checkVentesFixes(page: Page, base: string): Promise<void> {
  expect((await openPage(page, base, 'ventes')).state).toBe('ready');
  // Blocks that cover every sale say so.
  expect(await textOf(page.locator('[data-testid="all-time"]'))).toContain('ne suivent pas la période choisie');
  const last = await page.getAttribute('input[name="to"]', 'max');
  await page.getByRole('button', { name: '3 mois' }).click();
  await page.waitForFunction(() => !document.querySelector('.toolbar .inline-status')?.textContent);
  // 3 months to 31/12 start on 01/10: the day after the end, three months back.
  const start = new Date(`${last}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + 1);
  start.setUTCMonth(start.getUTCMonth() - 3);
  expect(await page.inputValue('input[name="from"]')).toBe(start.toISOString().slice(0, 10));
  // Redrawn for the new period, the charts keep the app's colours.
  await page.waitForTimeout(500); // the redraw's animation
  expect(await pixelsOf(page, 'CA par jour', APP_BLUE)).toBeGreaterThan(50);
  expect(await pixelsOf(page, 'CA par jour', ECHARTS_DEFAULT_BLUE)).toBe(0);
  // A series left in ECharts' default palette draws hundreds of pixels; a
  // handful of anti-aliased pixels where the app's blue line crosses the grey
  // « incomplète » shading can fall within the tolerance of the default blue.
  expect(await pixelsOf(page, 'CA par semaine', APP_BLUE)).toBeGreaterThan(50);
  expect(await pixelsOf(page, 'CA par semaine', ECHARTS_DEFAULT_BLUE)).toBeLessThan(20);
  // The last week runs past the data's last day: said under the chart.
  const lastWeekEnd = new Date(`${last}T00:00:00Z`);
  const weekday = (lastWeekEnd.getUTCDay() + 6) % 7; // 0 = Monday
  const note = await textOf(page.locator('[data-testid="partial-week"]'));
  if (weekday < 6) expect(note).toMatch(/^La dernière semaine \(du \d{2}\/\d{2}\/\d{4}\) est incomplète/);
  else expect(note).toBe('');
}

export async function checkDataDate(page: Page, base: string): Promise<void> {
  const { as_of: asOf } = (await getJson<Health>(base, '/health')).data;
  expect(asOf).toBeTruthy();
  const shown = async () => textOf(page.locator('#as-of'));
  expect((await openPage(page, base, 'vue-d-ensemble')).state).toBe('ready');
  await page.waitForFunction(() => document.querySelector('#as-of')?.textContent !== '');
  const text = await shown();
  // The generated data end on 31/12/2025, long before today: the top bar says how old they are.
  expect(text).toMatch(new RegExp(`^Données du ${asOf!.split('-').reverse().join('/')}, il y a \\d+ (mois|ans?)$`));
  // Other pages (model runs, the run manifest) do not change it.
  for (const path of ['modeles', 'qualite', 'ventes']) {
    await page.click(`#nav a[data-path="${path}"]`);
    await page.locator(`#view[data-page="${path}"]:not([data-state="loading"])`).waitFor();
    expect(await shown()).toBe(text);
  }
}

export async function checkBadFilters(page: Page, base: string): Promise<void> {
  for (const [path, query, select] of [
    ['clients', '?segment=Inexistant', 'segment'],
    ['a-appeler', '?action=inventer&pays=Atlantide', 'pays'],
  ] as const) {
    const opened = await openPage(page, base, path, query);
    expect(opened.state, `${path}${query}`).toBe('ready');
    const notice = await textOf(page.locator('[data-testid="dropped-filter"]'));
    expect(notice).toContain('n’existe pas dans les données : il a été retiré');
    expect(notice).toContain(query.includes('Inexistant') ? '« Inexistant »' : '« Atlantide »');
    expect(await page.inputValue(`select[name="${select}"]`)).toBe('');
    expect(page.url()).not.toMatch(/Inexistant|Atlantide|inventer/);
  }
}

export async function checkClientSort(page: Page, base: string): Promise<void> {
  expect((await openPage(page, base, 'clients')).state).toBe('ready');
  await page.selectOption('select[name="sort"]', '-expected_value_12m');
  await page.locator('.client-list[data-state="ready"]').waitFor();
  await page.waitForURL(/sort=-expected_value_12m/);
  const expected = (await getJson<{ id_client: number }[]>(base, '/scores?sort=-expected_value_12m&limit=25')).data;
  const hrefs = await page.locator('table[data-table="scores"] a.client-link').evaluateAll((as) => as.map((a) => Number(a.getAttribute('href')?.split('/').at(-1))));
  expect(hrefs).toEqual(expected.map((r) => r.id_client));
  // Percentages with one decimal, always.
  const probs = await page.locator('table[data-table="scores"] td[data-col="prob_reachat_12m"]').allTextContents();
  expect(probs.every((p) => /^\d+,\d\s%$/.test(p.replace(/\u202f|\u00a0/g, ' ')))).toBe(true);
}

/** No English word of the old dashboard left on any page. */
export async function checkFrenchOnly(page: Page, base: string): Promise<void> {
  for (const p of PAGES) {
    await openPage(page, base, p.path);
    const text = await page.locator('body').innerText();
    expect(text, p.path).not.toMatch(/\b(heuristic|Runs|contact list|memory_gb|cores|platform)\b/);
  }
}

/** At phone width: long lists are cards, and every sideways scrolling box can be reached and scrolled by keyboard. */
export async function checkPhoneLayout(page: Page, base: string): Promise<void> {
  expect((await openPage(page, base, 'a-appeler')).state).toBe('ready');
  const display = await page.locator('table[data-table="call_list"] tbody tr').first().evaluate((tr) => getComputedStyle(tr).display);
  expect(display).toBe('block');
  const reasonVisible = await page.locator('table[data-table="call_list"] td[data-col="reason"]').first().isVisible();
  expect(reasonVisible).toBe(true);
  for (const p of ['qualite', 'vue-d-ensemble']) {
    await openPage(page, base, p);
    const boxes = await page.locator('.table-wrap').evaluateAll((els) => els.map((e) => ({ tabindex: e.getAttribute('tabindex'), label: e.getAttribute('aria-label') })));
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.tabindex).toBe('0');
      expect(b.label).toBeTruthy();
    }
  }
}
