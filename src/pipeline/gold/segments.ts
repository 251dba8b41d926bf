import type { Dialect } from '../../engines/dialect.ts';

/**
 * The advisor's five segments (docs/contract/scores.md): exhaustive and exclusive, because
 * a client gets the first rule that matches, and the last one has no
 * condition. `spend_rank` is the percent rank of `total_spend_all` among
 * clients who bought.
 */
export const SEGMENTS = [
  {
    label: 'VIP',
    callAction: 'fideliser',
    rule: 'total_orders_all >= 2 AND spend_rank >= 0.9 AND recency_days < 730',
    meaning: 'au moins 2 achats, 10 % des clients qui dépensent le plus, achat dans les 2 dernières années',
    action: 'Fidéliser : programme premium, service prioritaire, offres exclusives',
  },
  {
    label: 'À potentiel',
    callAction: 'convertir',
    rule: 'total_orders_all = 0 OR (total_orders_all = 1 AND recency_days < 365)',
    meaning: 'jamais acheté, ou un seul achat dans les 12 derniers mois',
    action: 'Convertir : offre de bienvenue sur un deuxième équipement',
  },
  {
    label: 'Actifs',
    callAction: 'developper',
    rule: 'recency_days < 365',
    meaning: 'plusieurs achats, dont un dans les 12 derniers mois',
    action: 'Développer : accessoires, extensions de garantie, montée en gamme',
  },
  {
    label: 'À relancer',
    callAction: 'relancer',
    rule: 'recency_days < 730',
    meaning: 'dernier achat il y a 1 à 2 ans',
    action: 'Relancer : email et appel avec une offre personnalisée',
  },
  {
    label: 'Dormants',
    callAction: 'reactiver',
    rule: 'TRUE',
    meaning: 'dernier achat il y a plus de 2 ans',
    action: 'Réactiver à faible coût, ou sortir du ciblage',
  },
] as const;

export const SEGMENT_LABELS: readonly string[] = SEGMENTS.map((s) => s.label);

/** The call list's action for each segment (`call_list.action`). */
export type CallAction = (typeof SEGMENTS)[number]['callAction'];
export const CALL_ACTIONS: readonly CallAction[] = SEGMENTS.map((s) => s.callAction);

/** SQL CASE giving each client its segment; needs the columns used by the rules. */
export function segmentCase(d: Dialect): string {
  return `CASE ${SEGMENTS.map((s) => `WHEN ${s.rule} THEN ${d.literal(s.label)}`).join(' ')} END`;
}

/** The segments as a small table: `segment_label, segment_order, action`. */
export function segmentTable(d: Dialect): string {
  return SEGMENTS.map(
    (s, i) => `SELECT ${d.literal(s.label)} AS segment_label, ${i + 1} AS segment_order, ${d.literal(s.action)} AS action`,
  ).join(' UNION ALL ');
}
