import type { ScoreRow } from '../api/types.ts';
import type { Column } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { lastPurchaseDate } from './clients-csv.ts';
import { SORTABLE } from './clients-query.ts';

/** A client's name (or number) as a link to their page: every client shown anywhere opens the same way. */
export function clientLink(id: number | null, name: string | null | undefined): HTMLElement {
  return el('a', { href: `#/clients/${id}`, class: 'client-link' }, name || 'Client', el('small', { class: 'muted' }, ` n° ${id}`));
}

export function segmentBadge(segment: string | null | undefined): HTMLElement {
  return el('span', { class: 'badge', 'data-segment': segment }, segment ?? '—');
}

/**
 * The customer list's columns, in the order a caller reads them: who, which
 * segment, what is at stake, when they last bought; then how to reach them.
 */
export function clientColumns(asOf: string | null): Column<ScoreRow>[] {
  const columns: Column<ScoreRow>[] = [
    { key: 'id_client', label: 'Client', cell: (r) => clientLink(r.id_client, r.nom) },
    { key: 'segment_label', label: 'Segment', cell: (r) => segmentBadge(r.segment_label) },
    { key: 'value_at_risk_12m', label: 'Valeur à risque', numeric: true, cell: (r) => fmt.eur(r.value_at_risk_12m) },
    { key: 'expected_value_12m', label: 'Valeur attendue', numeric: true, cell: (r) => fmt.eur(r.expected_value_12m) },
    { key: 'prob_reachat_12m', label: 'Prob. de ré-achat', numeric: true, cell: (r) => fmt.pct(r.prob_reachat_12m) },
    { key: 'recency_days', label: 'Dernier achat', numeric: true, cell: (r) => (r.recency_days === null ? 'jamais' : fmt.date(lastPurchaseDate(asOf, r.recency_days))) },
    { key: 'total_orders_all', label: 'Achats', numeric: true, cell: (r) => fmt.int(r.total_orders_all) },
    { key: 'total_spend_all', label: 'Dépense totale', numeric: true, cell: (r) => fmt.eur(r.total_spend_all) },
    { key: 'pays', label: 'Pays', cell: (r) => r.pays ?? 'Inconnu' },
  ];
  return columns.map((c) => ({ ...c, sortable: SORTABLE.has(c.key) }));
}
