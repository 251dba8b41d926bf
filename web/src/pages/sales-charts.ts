import type { DailyRow, DistributionRow, WeeklyRow } from '../api/types.ts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../components/chart.ts';
import { fmt, isoDay, parseDay, tip } from '../format.ts';

/** Chart options of the Ventes page: a function of the rows, nothing else. */

type Series = BarSeriesOption | LineSeriesOption;

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Euros on the left axis, a count on the right (named with its unit): the shape of both time series. */
function euroAndCount(labels: string[], euros: Series, count: Series, countUnit: string, zoom: boolean): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...grid, top: 48, bottom: zoom ? 48 : 8 },
    dataZoom: zoom ? [{ type: 'slider', height: 20, bottom: 8 }, { type: 'inside' }] : [],
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', name: 'CA (€)', axisLabel: { formatter: tip.eurShort } },
      { type: 'value', name: countUnit, axisLabel: { formatter: tip.int }, splitLine: { show: false }, minInterval: 1 },
    ],
    series: [euros, count],
  };
}

/** Whether a week runs past the data's last day: its totals cover only the days up to it. */
export function isPartialWeek(weekStart: string | null, lastDay: string): boolean {
  if (!weekStart) return false;
  const end = parseDay(weekStart);
  end.setUTCDate(end.getUTCDate() + 6);
  return isoDay(end) > lastDay;
}

export function dailyChart(days: DailyRow[]): ChartOption {
  return euroAndCount(
    days.map((d) => fmt.date(d.date)),
    { name: 'CA', type: 'bar', data: days.map((d) => d.ca), tooltip: { valueFormatter: tip.eur }, large: true },
    { name: 'Achats', type: 'line', yAxisIndex: 1, showSymbol: false, data: days.map((d) => d.n_achats), tooltip: { valueFormatter: tip.int } },
    'achats',
    days.length > 120,
  );
}

/**
 * CA and customers per week. A week that runs past the data's last day is
 * labelled « (incomplète) » and shaded: its drop is missing days, not a collapse.
 */
export function weeklyChart(weeks: WeeklyRow[], lastDay: string): ChartOption {
  const labels = weeks.map((w) => `sem. du ${fmt.date(w.week_start)}${isPartialWeek(w.week_start, lastDay) ? ' (incomplète)' : ''}`);
  const partial = labels.filter((l) => l.endsWith('(incomplète)'));
  return euroAndCount(
    labels,
    {
      name: 'CA', type: 'line', areaStyle: { opacity: 0.15 }, showSymbol: false, data: weeks.map((w) => w.ca), tooltip: { valueFormatter: tip.eur },
      markArea: {
        silent: true, itemStyle: { color: 'rgba(100, 116, 139, 0.12)' },
        label: { show: true, position: 'insideTop', color: '#334155', formatter: 'incomplète' },
        data: partial.map((l) => [{ xAxis: l }, { xAxis: l }]),
      },
    },
    { name: 'Clients', type: 'line', yAxisIndex: 1, showSymbol: false, data: weeks.map((w) => w.n_clients), tooltip: { valueFormatter: tip.int } },
    'clients',
    false,
  );
}

export function distributionChart(buckets: DistributionRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...grid, top: 48 },
    xAxis: { type: 'category', name: 'panier', nameLocation: 'middle', nameGap: 48, data: buckets.map((b) => b.bucket ?? '—'), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: [
      { type: 'value', name: 'part des achats', axisLabel: { formatter: tip.pct } },
      { type: 'value', name: 'CA (€)', axisLabel: { formatter: tip.eurShort }, splitLine: { show: false } },
    ],
    series: [
      { name: 'Part des achats', type: 'bar', data: buckets.map((b) => b.share_achats), tooltip: { valueFormatter: tip.pct } },
      { name: 'CA', type: 'line', yAxisIndex: 1, data: buckets.map((b) => b.ca), tooltip: { valueFormatter: tip.eur } },
    ],
  };
}

/** Turnover per country or product, biggest on top. */
export function breakdownChart(rows: { label: string; ca: number | null }[]): ChartOption {
  const ordered = [...rows].sort((a, b) => (a.ca ?? 0) - (b.ca ?? 0));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...grid, top: 8, bottom: 28 },
    // Few ticks: the labels are long (« 1,5 M€ ») and the chart may be phone-narrow.
    xAxis: { type: 'value', name: 'CA (€)', nameLocation: 'middle', nameGap: 28, splitNumber: 3, axisLabel: { formatter: tip.eurShort, hideOverlap: true } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [{ name: 'CA', type: 'bar', data: ordered.map((r) => r.ca), tooltip: { valueFormatter: tip.eur } }],
  };
}
