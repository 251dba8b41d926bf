import type { CallRow } from '../api/types.ts';
import { downloadCsv, fetchAll, slug, toCsv, type CsvColumn } from '../components/csv.ts';
import { dataTable } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt, isoDay } from '../format.ts';
import { api } from '../api/endpoints.ts';
import { actionLabel, callListQuery, type CallFilters } from './call-list-query.ts';
import { clientLink, segmentBadge } from './clients-columns.ts';

/** The call list as a table (cards on a phone): who, what to do and why, how to reach them, what is at stake. */
export function callTable(rows: CallRow[]): HTMLElement {
  return dataTable(
    [
      { key: 'rank', label: 'N°', numeric: true, cell: (r) => fmt.int(r.rank) },
      { key: 'client', label: 'Client', cell: (r) => el('span', { class: 'who' }, clientLink(r.id_client, r.nom),
        el('span', { class: 'badges' }, segmentBadge(r.segment_label), el('span', { class: 'badge action', 'data-action': r.action }, actionLabel(r.action)))) },
      { key: 'reason', label: 'Pourquoi l’appeler', cell: (r) => el('span', { class: 'reason' }, r.reason ?? '—') },
      { key: 'last_purchase_date', label: 'Dernier achat', cell: (r) => lastPurchase(r) },
      { key: 'value_at_risk_12m', label: 'Valeur à risque', numeric: true, cell: (r) => fmt.eur0(r.value_at_risk_12m) },
      { key: 'expected_value_12m', label: 'Valeur attendue', numeric: true, cell: (r) => fmt.eur0(r.expected_value_12m) },
      { key: 'prob_reachat_12m', label: 'Chances de racheter', numeric: true, cell: (r) => fmt.pct(r.prob_reachat_12m) },
      { key: 'email', label: 'Contact', cell: (r) => el('span', { class: 'contact' }, r.email ? el('a', { href: `mailto:${r.email}` }, r.email) : 'pas d’e-mail valide', r.pays ? el('small', { class: 'muted' }, r.pays) : null) },
    ],
    rows,
    { name: 'call_list', caption: 'Clients à appeler', cardsOnPhone: true },
  );
}

function lastPurchase(r: CallRow): HTMLElement | string {
  if (!r.last_purchase_date) return 'jamais';
  return el('span', { class: 'stacked' }, fmt.date(r.last_purchase_date), r.last_product ? el('small', { class: 'muted' }, r.last_product) : null);
}

const CSV_COLUMNS: CsvColumn<CallRow>[] = [
  { header: 'Rang', value: (r) => r.rank },
  { header: 'N° client', value: (r) => r.id_client },
  { header: 'Nom', value: (r) => r.nom },
  { header: 'E-mail', value: (r) => r.email },
  { header: 'Pays', value: (r) => r.pays },
  { header: 'Segment', value: (r) => r.segment_label },
  { header: 'Action', value: (r) => actionLabel(r.action) },
  { header: 'Pourquoi', value: (r) => r.reason },
  { header: 'Dernier achat', value: (r) => r.last_purchase_date, format: { date: true } },
  { header: 'Dernier produit', value: (r) => r.last_product },
  { header: 'Prob. de ré-achat 12 mois (%)', value: (r) => r.prob_reachat_12m, format: { percent: true } },
  { header: 'Valeur attendue 12 mois (€)', value: (r) => r.expected_value_12m, format: { digits: 2 } },
  { header: 'Valeur à risque 12 mois (€)', value: (r) => r.value_at_risk_12m, format: { digits: 2 } },
];

/** Every row of the filtered call list, in its order, as a CSV file. */
export async function exportCallList(filters: CallFilters, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<{ rows: number; filename: string }> {
  const { rows } = await fetchAll((window) => api.callList(callListQuery(filters, window), signal), progress);
  const parts = [filters.action, filters.segment, filters.pays].filter(Boolean).map(slug);
  const filename = `a-appeler${parts.map((p) => `_${p}`).join('')}_${isoDay(new Date())}.csv`;
  downloadCsv(toCsv(CSV_COLUMNS, rows), filename);
  return { rows: rows.length, filename };
}
