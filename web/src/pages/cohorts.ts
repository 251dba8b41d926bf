import { api } from '../api/endpoints.ts';
import { chart, type ChartOption } from '../components/chart.ts';
import { kpiCards, pageHeader, section } from '../components/layout.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { averageRetention, cohortMatrix, type CohortMatrix } from './cohorts-matrix.ts';
import type { Page } from './page.ts';

const MILESTONES = [1, 3, 6, 12, 24];

/** Cohortes: retention by month of first purchase, as a heat map. */
export const cohortsPage: Page = {
  path: 'cohortes',
  title: 'Cohortes',
  async render({ signal }) {
    const { data } = await api.cohort(signal);
    const m = cohortMatrix(data);
    return el(
      'div',
      {},
      pageHeader('Cohortes', 'Chaque ligne regroupe les clients par mois de premier achat ; chaque case, la part d’entre eux qui ont racheté N mois plus tard.'),
      kpiCards(MILESTONES.filter((k) => k <= m.maxOffset).map((k) => ({
        id: `retention_m${k}`, label: `Rétention à ${k} mois`, value: fmt.pct(averageRetention(m, k)), hint: 'moyenne pondérée des cohortes',
      }))),
      section('Rétention par cohorte', chart('Rétention par cohorte', heatmap(m), { height: 620 })),
    );
  },
};

function heatmap(m: CohortMatrix): ChartOption {
  const index = new Map(m.cohorts.map((c, i) => [c, i]));
  const cells = new Map(m.cells.map((r) => [`${r.cohort_month}|${r.month_offset}`, r]));
  // Every month a cohort has lived through gets a cell, 0 % where nobody came back.
  const data = m.cohorts.flatMap((c) =>
    Array.from({ length: (m.reach.get(c) ?? 0) + 1 }, (_, x) => {
      const r = cells.get(`${c}|${x}`);
      return [x, index.get(c) ?? 0, r?.retention_rate ?? 0, r?.active_clients ?? 0, r?.ca ?? 0];
    }),
  );
  // Month 0 is 100 % by definition: scale the colours on the later months so they stay readable.
  const later = data.filter((d) => d[0] !== 0).map((d) => d[2] ?? 0);
  const max = later.length ? Math.max(...later) : 1;
  const offsets = Array.from({ length: m.maxOffset + 1 }, (_, i) => `M+${i}`);
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const [x = 0, y = 0, rate, active, ca] = (p as { value: number[] }).value;
        const cohort = m.cohorts[y] ?? '';
        return `Cohorte ${fmt.month(cohort)} (${fmt.int(m.sizes.get(cohort))} clients)<br>M+${x} : ${fmt.pct(rate)} — ${fmt.int(active)} clients, ${fmt.eur0(ca)}`;
      },
    },
    grid: { left: 8, right: 56, top: 64, bottom: 56, containLabel: true },
    xAxis: { type: 'category', name: 'mois après le premier achat', nameLocation: 'middle', nameGap: 26, position: 'top', data: offsets, splitArea: { show: true } },
    yAxis: { type: 'category', name: 'cohorte', data: m.cohorts.map((c) => fmt.month(c)), inverse: true },
    dataZoom: [
      { type: 'slider', xAxisIndex: 0, start: 0, end: Math.min(100, (25 / offsets.length) * 100), height: 18, bottom: 8 },
      { type: 'slider', yAxisIndex: 0, start: Math.max(0, 100 - (36 / Math.max(1, m.cohorts.length)) * 100), end: 100, width: 18, right: 8 },
      { type: 'inside', xAxisIndex: 0 },
    ],
    // The legend: which blue is which share (month 0, 100 % by definition, shows at the darkest).
    visualMap: {
      dimension: 2, min: 0, max, calculable: false, show: true, orient: 'horizontal', left: 'center', top: 0, itemWidth: 12, itemHeight: 160,
      text: [`${fmt.pct(max)} et plus`, '0 % de rachat'], textStyle: { color: '#334155' }, inRange: { color: ['#f8fafc', '#93c5fd', '#1d4ed8'] },
    },
    series: [{ name: 'Rétention', type: 'heatmap', data, progressive: 2000, emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } } }],
  };
}
