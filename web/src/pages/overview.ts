import { api } from '../api/endpoints.ts';
import type { GrowthRow, Kpis } from '../api/types.ts';
import { chart, type ChartOption } from '../components/chart.ts';
import { kpiCards, pageHeader, section, type Kpi } from '../components/layout.ts';
import { dataTable } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt, tip } from '../format.ts';
import type { Page } from './page.ts';

/** Vue d'ensemble: the KPIs of `/kpis`, and turnover by month with its growth. */
export const overviewPage: Page = {
  path: 'vue-d-ensemble',
  title: "Vue d'ensemble",
  async render({ signal }) {
    const [kpis, growth] = await Promise.all([api.kpis(signal), api.monthlyGrowth(signal)]);
    const months = [...growth.data].sort((a, b) => (a.mois ?? '').localeCompare(b.mois ?? ''));
    return el(
      'div',
      {},
      pageHeader("Vue d'ensemble", `Indicateurs au ${fmt.longDate(kpis.data.as_of)}, montants en euros.`),
      kpiCards(cards(kpis.data)),
      section("Chiffre d'affaires par mois", chart("Chiffre d'affaires par mois", monthlyChart(months), { height: 360 })),
      section('Les 12 derniers mois', lastMonthsTable(months.slice(-12).reverse())),
    );
  },
};

function cards(k: Kpis): Kpi[] {
  return [
    { id: 'ca_total', label: "Chiffre d'affaires total", value: fmt.eur0(k.ca_total), hint: 'toutes les ventes valides' },
    { id: 'ca_12m', label: "CA des 12 derniers mois", value: fmt.eur0(k.ca_12m) },
    { id: 'n_achats', label: 'Achats', value: fmt.int(k.n_achats) },
    { id: 'n_clients_acheteurs', label: 'Clients acheteurs', value: fmt.int(k.n_clients_acheteurs) },
    { id: 'panier_moyen', label: 'Panier moyen', value: fmt.eur(k.panier_moyen) },
    { id: 'clients_actifs_12m', label: 'Clients actifs (12 mois)', value: fmt.int(k.clients_actifs_12m), hint: 'au moins un achat dans l’année' },
    { id: 'avg_prob_reachat_12m', label: 'Probabilité moyenne de ré-achat', value: fmt.pct(k.avg_prob_reachat_12m), hint: 'dans les 12 prochains mois' },
    { id: 'sum_expected_value_12m', label: 'Valeur attendue (12 mois)', value: fmt.eur0(k.sum_expected_value_12m), tone: 'good' },
    { id: 'sum_value_at_risk_12m', label: 'Valeur à risque (12 mois)', value: fmt.eur0(k.sum_value_at_risk_12m), hint: 'si les clients ne reviennent pas', tone: 'bad' },
  ];
}

function monthlyChart(months: GrowthRow[]): ChartOption {
  const labels = months.map((m) => fmt.month(m.mois));
  const start = months.length > 24 ? 100 - (24 / months.length) * 100 : 0;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 48, bottom: 56, containLabel: true },
    dataZoom: [{ type: 'slider', start, end: 100, height: 20, bottom: 8 }, { type: 'inside' }],
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', name: 'CA (€)', axisLabel: { formatter: tip.eurShort } },
      { type: 'value', name: 'variation (%)', axisLabel: { formatter: tip.growth }, splitLine: { show: false } },
    ],
    series: [
      { name: 'CA', type: 'bar', data: months.map((m) => m.ca), tooltip: { valueFormatter: tip.eur } },
      { name: 'Var. M-1', type: 'line', yAxisIndex: 1, symbolSize: 4, data: months.map((m) => m.mom_growth), tooltip: { valueFormatter: tip.growth } },
      { name: 'Var. N-1', type: 'line', yAxisIndex: 1, symbolSize: 4, data: months.map((m) => m.yoy_growth), tooltip: { valueFormatter: tip.growth } },
    ],
  };
}

function lastMonthsTable(months: GrowthRow[]): HTMLElement {
  const growthCell = (x: number | null) => el('span', { class: x === null ? '' : x >= 0 ? 'up' : 'down' }, fmt.growth(x));
  return dataTable(
    [
      { key: 'mois', label: 'Mois', cell: (m) => fmt.month(m.mois) },
      { key: 'ca', label: 'CA', numeric: true, cell: (m) => fmt.eur0(m.ca) },
      { key: 'mom_growth', label: 'vs mois précédent', numeric: true, cell: (m) => growthCell(m.mom_growth) },
      { key: 'yoy_growth', label: 'vs même mois N-1', numeric: true, cell: (m) => growthCell(m.yoy_growth) },
    ],
    months,
    { name: 'monthly_growth', caption: 'CA des 12 derniers mois' },
  );
}
