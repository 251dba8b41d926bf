import { api } from '../api/endpoints.ts';
import type { DailyRow, WeeklyRow } from '../api/types.ts';
import { chart, updateChart } from '../components/chart.ts';
import { dateRangePicker, monthsBefore, type Range } from '../components/date-range.ts';
import { grid, kpiCards, pageHeader, section, type Kpi } from '../components/layout.ts';
import { errorView } from '../components/state.ts';
import { el, replace } from '../dom.ts';
import { fmt, isoDay, parseDay } from '../format.ts';
import type { Page, PageContext } from './page.ts';
import { breakdownChart, dailyChart, distributionChart, isPartialWeek, weeklyChart } from './sales-charts.ts';
import { distributionTable, salesTable } from './sales-tables.ts';

/**
 * Ventes: daily and weekly series over a chosen period (fetched for that
 * period only), the distribution of basket amounts, CA by country and by
 * product.
 */
export const salesPage: Page = {
  path: 'ventes',
  title: 'Ventes',
  async render(ctx) {
    const { signal } = ctx;
    const [monthly, distribution, countries, products] = await Promise.all([
      api.monthly({}, signal), api.distribution(signal), api.byCountry(signal), api.byProduct(signal),
    ]);
    const bounds = dataBounds(monthly.data.map((m) => m.mois).filter((m): m is string => m !== null));
    const range = initialRange(ctx, bounds);
    const [daily, weekly] = await Promise.all([api.daily(range, signal), api.weekly(range, signal)]);

    const totals = el('div', {}, kpiCards(rangeKpis(daily.data)));
    const dailyBox = chart('CA par jour', dailyChart(daily.data));
    const weeklyBox = chart('CA par semaine', weeklyChart(weekly.data, bounds.to), { height: 300 });
    const status = el('div', { class: 'inline-status', 'aria-live': 'polite' });
    const weekNote = el('p', { class: 'muted chart-note', 'data-testid': 'partial-week' });
    const noteWeeks = (weeks: WeeklyRow[]) => {
      const last = weeks.at(-1);
      weekNote.textContent = last && isPartialWeek(last.week_start, bounds.to)
        ? `La dernière semaine (du ${fmt.date(last.week_start)}) est incomplète : les données s’arrêtent au ${fmt.date(bounds.to)}.`
        : '';
    };
    noteWeeks(weekly.data);

    let latest = 0;
    const onRange = async (next: Range) => {
      const ticket = ++latest;
      ctx.setQuery(new URLSearchParams({ from: next.from, to: next.to }));
      status.textContent = 'Mise à jour…';
      try {
        const [d, w] = await Promise.all([api.daily(next, signal), api.weekly(next, signal)]);
        if (ticket !== latest) return; // a newer range was picked meanwhile
        replace(totals, kpiCards(rangeKpis(d.data)));
        updateChart(dailyBox, dailyChart(d.data));
        updateChart(weeklyBox, weeklyChart(w.data, bounds.to));
        noteWeeks(w.data);
        status.textContent = '';
      } catch (error) {
        if (!signal.aborted) replace(status, errorView(error));
      }
    };

    return el(
      'div',
      {},
      pageHeader('Ventes', `Données du ${fmt.date(bounds.from)} au ${fmt.date(bounds.to)}.`),
      el('div', { class: 'panel toolbar' }, dateRangePicker(bounds, range, (r) => void onRange(r)), status),
      totals,
      section('CA et achats par jour', dailyBox),
      section('CA et clients par semaine', weeklyBox, weekNote),
      allTime(bounds),
      section('Montant des paniers', grid(chart('Distribution des paniers', distributionChart(distribution.data)), distributionTable(distribution.data))),
      section('CA par pays', grid(
        chart('CA par pays', breakdownChart(countries.data.map((c) => ({ label: c.pays ?? 'Inconnu', ca: c.ca })))),
        salesTable('by_country', 'Pays', countries.data.map((c) => ({ ...c, label: c.pays ?? 'Inconnu' }))),
      )),
      section('CA par produit', grid(
        chart('CA par produit', breakdownChart(products.data.map((p) => ({ label: p.produit ?? '—', ca: p.ca }))), { height: 420 }),
        salesTable('by_product', 'Produit', products.data.map((p) => ({ ...p, label: p.produit ?? '—' }))),
      )),
    );
  },
};

/**
 * The gold tables behind the blocks below (baskets, countries, products)
 * cover every sale: said once, above them, so nobody reads them as the
 * chosen period's.
 */
function allTime(bounds: Range): HTMLElement {
  return el('p', { class: 'notice', 'data-testid': 'all-time' },
    `Les blocs ci-dessous portent sur toutes les ventes, du ${fmt.date(bounds.from)} au ${fmt.date(bounds.to)} : ils ne suivent pas la période choisie.`);
}

/** First and last day of the months that have sales. */
function dataBounds(months: string[]): Range {
  const sorted = [...months].sort();
  const first = sorted[0] ?? isoDay(new Date()).slice(0, 7);
  const last = sorted.at(-1) ?? first;
  const end = parseDay(`${last}-01`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  end.setUTCDate(0);
  return { from: `${first}-01`, to: isoDay(end) };
}

/** The period in the URL if valid, else the last 12 months of data. */
function initialRange(ctx: PageContext, bounds: Range): Range {
  const from = ctx.query.get('from');
  const to = ctx.query.get('to');
  const valid = (d: string | null): d is string => d !== null && /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= bounds.from && d <= bounds.to;
  if (valid(from) && valid(to) && from <= to) return { from, to };
  return { from: monthsBefore(bounds.to, 12, bounds.from), to: bounds.to };
}

function rangeKpis(days: DailyRow[]): Kpi[] {
  const ca = days.reduce((s, d) => s + (d.ca ?? 0), 0);
  const achats = days.reduce((s, d) => s + (d.n_achats ?? 0), 0);
  return [
    { id: 'range_ca', label: 'CA sur la période', value: fmt.eur0(ca) },
    { id: 'range_achats', label: 'Achats sur la période', value: fmt.int(achats) },
    { id: 'range_panier', label: 'Panier moyen', value: fmt.eur(achats > 0 ? ca / achats : null) },
    { id: 'range_jours', label: 'Jours', value: fmt.int(days.length) },
  ];
}
