import type { SegmentRow } from '../api/types.ts';
import { chart, type ChartOption } from '../components/chart.ts';
import { el } from '../dom.ts';
import { fmt, tip } from '../format.ts';

/** The advisor's order: most valuable first, then the ones to win back. */
const ORDER = ['VIP', 'Actifs', 'À potentiel', 'À relancer', 'Dormants'];
const rank = (s: SegmentRow) => {
  const i = ORDER.indexOf(s.segment_label ?? '');
  return i === -1 ? ORDER.length : i;
};

export function sortSegments(rows: SegmentRow[]): SegmentRow[] {
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** One card per segment: how many, what they are worth, what they put at risk, and what to do. */
export function segmentCards(rows: SegmentRow[], onPick: (segment: string) => void): HTMLElement {
  return el(
    'div',
    { class: 'segments' },
    rows.map((s) =>
      el(
        'article',
        { class: 'segment', 'data-segment': s.segment_label },
        el('header', {}, el('h3', {}, s.segment_label), el('span', { class: 'muted' }, `${fmt.int(s.n_clients)} clients · ${fmt.pct(s.share_clients)}`)),
        el(
          'dl',
          {},
          fact('Valeur attendue', 'sum_expected_value_12m', fmt.eur0(s.sum_expected_value_12m)),
          fact('Valeur à risque', 'sum_value_at_risk_12m', fmt.eur0(s.sum_value_at_risk_12m)),
          fact('Prob. de ré-achat', 'avg_prob_reachat_12m', fmt.pct(s.avg_prob_reachat_12m)),
          fact('Dernier achat (moy.)', 'avg_recency_days', s.avg_recency_days === null ? '—' : `il y a ${fmt.int(s.avg_recency_days)} j`),
        ),
        el('p', { class: 'action', 'data-field': 'action' }, s.action),
        el('button', { type: 'button', class: 'link', onclick: () => s.segment_label && onPick(s.segment_label) }, 'Voir les clients →'),
      ),
    ),
  );
}

function fact(label: string, field: string, value: string): HTMLElement {
  return el('div', {}, el('dt', {}, label), el('dd', { 'data-field': field }, value));
}

export function segmentValueChart(rows: SegmentRow[]): HTMLElement {
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((s) => s.segment_label ?? '—'), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', name: 'valeur sur 12 mois (€)', axisLabel: { formatter: tip.eurShort } },
    series: [
      { name: 'Valeur attendue (12 mois)', type: 'bar', data: rows.map((s) => s.sum_expected_value_12m), tooltip: { valueFormatter: tip.eur } },
      { name: 'Valeur à risque (12 mois)', type: 'bar', data: rows.map((s) => s.sum_value_at_risk_12m), tooltip: { valueFormatter: tip.eur } },
    ],
  };
  return chart('Valeur par segment', option, { height: 300 });
}
