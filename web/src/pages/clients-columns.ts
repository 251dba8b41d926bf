import type { ScoreRow } from '../api/types.ts';
import type { Column } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { SORTABLE } from './clients-query.ts';

/** The customer list's columns: who, where, which segment, how likely, how much at stake. */
export function clientColumns(rows: ScoreRow[]): Column<ScoreRow>[] {
  // Identity columns appear when the API joins them into `/scores`.
  const has = (key: keyof ScoreRow) => rows.some((r) => r[key] !== undefined);
  const columns: (Column<ScoreRow> | false)[] = [
    { key: 'id_client', label: 'Client', cell: (r) => (has('nom') && r.nom ? el('span', {}, r.nom, el('small', { class: 'muted' }, ` n° ${r.id_client}`)) : `n° ${r.id_client}`) },
    has('email') && { key: 'email', label: 'E-mail', cell: (r) => (r.email ? el('a', { href: `mailto:${r.email}` }, r.email) : '—') },
    has('pays') && { key: 'pays', label: 'Pays', cell: (r) => r.pays ?? 'Inconnu' },
    { key: 'segment_label', label: 'Segment', cell: (r) => el('span', { class: 'badge', 'data-segment': r.segment_label }, r.segment_label ?? '—') },
    { key: 'prob_reachat_12m', label: 'Prob. de ré-achat', numeric: true, cell: (r) => fmt.pct(r.prob_reachat_12m) },
    { key: 'expected_value_12m', label: 'Valeur attendue', numeric: true, cell: (r) => fmt.eur(r.expected_value_12m) },
    { key: 'value_at_risk_12m', label: 'Valeur à risque', numeric: true, cell: (r) => fmt.eur(r.value_at_risk_12m) },
    { key: 'recency_days', label: 'Dernier achat', numeric: true, cell: (r) => (r.recency_days === null ? 'jamais' : `il y a ${fmt.int(r.recency_days)} j`) },
    { key: 'total_orders_all', label: 'Achats', numeric: true, cell: (r) => fmt.int(r.total_orders_all) },
    { key: 'total_spend_all', label: 'Dépense totale', numeric: true, cell: (r) => fmt.eur(r.total_spend_all) },
  ];
  return columns.filter((c): c is Column<ScoreRow> => c !== false).map((c) => ({ ...c, sortable: SORTABLE.has(c.key) }));
}
