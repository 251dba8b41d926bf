import type { Dialect } from '../../engines/dialect.ts';
import { frCount, frEuros, frGrouped, frPercent, roundedEuros, roundedPercent, roundedUnit } from './french.ts';
import { SEGMENTS, type CallAction } from './segments.ts';
import type { GoldInputs, GoldTable } from './table.ts';

/**
 * The sales team's call list: one row per client worth contacting, with the
 * action of their segment, a priority in euros (the list is sorted by it,
 * descending, ties by id) and a French sentence saying why, from the
 * client's own facts.
 *
 * Priority is the 12-month value the call acts on: the value at risk for
 * `relancer` (what slips away without a call), the expected value for the
 * others (what a client who stays, buys a second time or comes back is worth).
 */
export const PRIORITY_COLUMN: Readonly<Record<CallAction, 'expected_value_12m' | 'value_at_risk_12m'>> = {
  fideliser: 'expected_value_12m',
  convertir: 'expected_value_12m',
  developper: 'expected_value_12m',
  relancer: 'value_at_risk_12m',
  reactiver: 'expected_value_12m',
};

/**
 * Who is left out: a client whose 12-month value at stake (expected value +
 * value at risk) is under MIN_STAKE euros has nothing to gain from a call;
 * for a client whose last purchase is LONG_DORMANT_DAYS old or more, the bar
 * is MIN_STAKE_LONG_DORMANT (a call rarely brings them back).
 */
export const MIN_STAKE = 20;
export const MIN_STAKE_LONG_DORMANT = 50;
export const LONG_DORMANT_DAYS = 3 * 365;

/** SQL: true when the client (columns of client_scores, as `${scores}.column`) is left off the list. */
export function excludedSql(scores: string): string {
  const stake = `(${scores}.expected_value_12m + ${scores}.value_at_risk_12m)`;
  return `(${stake} < ${MIN_STAKE} OR (${scores}.recency_days >= ${LONG_DORMANT_DAYS} AND ${stake} < ${MIN_STAKE_LONG_DORMANT}))`;
}

/** SQL CASE: the call action of a segment label. */
export function actionSql(d: Dialect, segment: string): string {
  return `CASE ${SEGMENTS.map((s) => `WHEN ${segment} = ${d.literal(s.label)} THEN ${d.literal(s.callAction)}`).join(' ')} END`;
}

/** SQL CASE: the priority for the action `action` of a client whose scores are `${scores}.column`. */
export function prioritySql(d: Dialect, action: string, scores: string): string {
  return `CASE ${Object.entries(PRIORITY_COLUMN).map(([name, column]) => `WHEN ${action} = ${d.literal(name)} THEN ${scores}.${column}`).join(' ')} END`;
}

/** "il y a 21 mois" (or days under a month) from a whole number of days before as_of. */
function elapsed(days: string): string {
  return `CASE WHEN ${days} = 0 THEN 'à la date des données'
    WHEN ${days} < 31 THEN concat('il y a ', ${frCount(days, 'jour')})
    ELSE concat('il y a ', ${frGrouped(roundedUnit(`floor(${days} * 12 / 365.25)`))}, ' mois') END`;
}

/**
 * The figures of the sentence as whole numbers, rounded once (the sentence
 * repeats each of them in its text).
 */
const SENTENCE_FIGURES = `${roundedEuros('total_spend_all')} AS spend_eur, ${roundedEuros('priority')} AS priority_eur,
  ${roundedPercent('prob_reachat_12m')} AS prob_pct`;

/**
 * "Dernier achat : Lave-linge le 14/03/2024, il y a 21 mois ; 3 achats pour 2 340 € ;
 * 23 % de chances de racheter dans l'année, 540 € de valeur à risque"; for a client
 * who never bought: "Inscrit le 02/05/2025, aucun achat ; 9 % de chances d'acheter…".
 * One `concat` per sentence rather than a chain of `||` (DuckDB builds every
 * intermediate string of a chain); every part is non-NULL, so both engines
 * agree (`concat` skips a NULL on DuckDB and is NULL on Spark).
 */
function reasonSql(d: Dialect): string {
  const value = `${frEuros('priority_eur')}, CASE WHEN action = 'relancer' THEN ' de valeur à risque' ELSE ' de valeur attendue' END`;
  const bought = `concat('Dernier achat : ', coalesce(last_product, '?'), ' le ', ${d.dayMonthYear('last_purchase_date')},
      ', ', ${elapsed('recency_days')},
      ' ; ', ${frCount('total_orders_all', 'achat')}, ' pour ', ${frEuros('spend_eur')},
      ' ; ', ${frPercent('prob_pct')}, ' de chances de racheter dans l''année, ', ${value})`;
  const never = `concat('Inscrit le ', coalesce(${d.dayMonthYear('date_inscription')}, '?'), ', aucun achat ; ',
      ${frPercent('prob_pct')}, ' de chances d''acheter dans l''année, ', ${value})`;
  return `CASE WHEN total_orders_all > 0 AND last_purchase_date IS NOT NULL THEN ${bought} ELSE ${never} END`;
}

export const callList: GoldTable = {
  name: 'call_list',
  sql: ({ d, asOf }: GoldInputs) => `WITH last_purchase AS (
      SELECT id_client, produit AS last_product FROM (
        SELECT id_client, produit, row_number() OVER (PARTITION BY id_client ORDER BY date_achat DESC, id_achat DESC) AS k
        FROM fact_achats WHERE date_achat <= ${asOf}
      ) ranked WHERE k = 1
    ),
    listed AS (
      SELECT s.id_client, c.nom, CASE WHEN c.email_valid THEN c.email END AS email, c.pays, s.segment_label,
             ${actionSql(d, 's.segment_label')} AS action, c.date_inscription, c.last_purchase_date, l.last_product,
             s.recency_days, s.total_orders_all, s.total_spend_all, s.prob_reachat_12m, s.expected_value_12m, s.value_at_risk_12m
      FROM client_scores s JOIN dim_clients c ON c.id_client = s.id_client LEFT JOIN last_purchase l ON l.id_client = s.id_client
      WHERE NOT ${excludedSql('s')}
    ),
    prioritised AS (SELECT listed.*, CAST(${prioritySql(d, 'listed.action', 'listed')} AS DOUBLE) AS priority FROM listed),
    figures AS (SELECT prioritised.*, ${SENTENCE_FIGURES} FROM prioritised),
    ranked AS (SELECT figures.*, CAST(row_number() OVER (ORDER BY priority DESC, id_client) AS BIGINT) AS list_rank FROM figures)
    -- Sorted before the sentences are written, in a subquery whose order the
    -- outer projection keeps (both engines): the window and the sort move the
    -- figures, not 900k sentences (an ORDER BY at the top sorted them, after
    -- the projection, at about a third of the table's CPU at scale 100).
    SELECT list_rank AS ${d.quote('rank')},
           id_client, nom, email, pays, segment_label, action, priority, ${reasonSql(d)} AS reason,
           last_purchase_date, last_product, prob_reachat_12m, expected_value_12m, value_at_risk_12m
    FROM (SELECT * FROM ranked ORDER BY list_rank) in_rank_order`,
};
