import type { Dialect } from '../../engines/dialect.ts';
import { tenureBand } from '../non-buyers.ts';

/** The engine tables one BTYD scoring uses, prefixed so two as_of dates (a backtest) never collide. */
export interface BtydTables {
  clients: string;
  rfm: string;
  spend: string;
  nonBuyers: string;
}

export function btydTables(asOf: string): BtydTables {
  const prefix = `btyd_${asOf.replace(/-/g, '')}`;
  return { clients: `${prefix}_clients`, rfm: `${prefix}_rfm`, spend: `${prefix}_spend`, nonBuyers: `${prefix}_non_buyers` };
}

/**
 * One row per client of `dim_clients` who bought by `asOf` (a DATE literal),
 * in whole days (docs/models.md): `x` repeat purchases = distinct purchase
 * days − 1, `t_x` last − first purchase day, `t_age` as_of − first purchase
 * day, and `zbar_cents`, the mean spend of the repeat days (each day's
 * amounts summed, the first day left out) in cents, at least 1 so a repeat
 * buyer whose repeat purchases were free still has a positive mean.
 * Amounts are summed as whole cents: integer sums are exact, so every
 * engine gets the same means, whatever order it adds them in.
 */
export function clientSummarySql(d: Dialect, asOf: string): string {
  return `WITH days AS (
      SELECT a.id_client, a.date_achat AS day, sum(CAST(round(a.montant * 100) AS BIGINT)) AS cents
      FROM fact_achats a JOIN dim_clients c ON c.id_client = a.id_client
      WHERE a.date_achat <= ${asOf}
      GROUP BY a.id_client, a.date_achat
    )
    SELECT id_client,
           CAST(count(*) - 1 AS BIGINT) AS x,
           CAST(${d.daysBetween('min(day)', 'max(day)')} AS BIGINT) AS t_x,
           CAST(${d.daysBetween('min(day)', asOf)} AS BIGINT) AS t_age,
           CAST(CASE WHEN count(*) > 1
                THEN greatest(round((sum(cents) - min_by(cents, day)) / (count(*) - 1)), 1) END AS BIGINT) AS zbar_cents
    FROM days GROUP BY id_client`;
}

/**
 * Groups for MBG/NBD: clients with the same history are interchangeable.
 * Sorted, so every engine hands the fit the same sums in the same order
 * (floating-point addition is not associative) and the fits agree.
 */
export const rfmGroupsSql = (clients: string): string =>
  `SELECT x, t_x, t_age, count(*) AS n FROM ${clients} GROUP BY x, t_x, t_age ORDER BY x, t_x, t_age`;

/** Groups for Gamma-Gamma: repeat buyers by (x, mean repeat spend to the cent), sorted as above. */
export const spendGroupsSql = (clients: string): string =>
  `SELECT x, zbar_cents, count(*) AS n FROM ${clients} WHERE x > 0 GROUP BY x, zbar_cents ORDER BY x, zbar_cents`;

/**
 * The model's scores for every client of `client_features`, joining the
 * group scores back on the group keys:
 *   prob_reachat_12m   = P(X(365) > 0 | x, t_x, t_age)
 *   expected_value_12m = E[X(365) | x, t_x, t_age] × E[Z | x, zbar]  (E[Z] = p·v/(q−1) when x = 0)
 *   value_at_risk_12m  = (1 − P(alive)) × E[X(365) | alive] × E[Z | x, zbar]
 * and the non-buyer rule (non-buyers.ts) for clients who never bought.
 */
export function btydScoresSql(tables: BtydTables, populationSpend: number): string {
  const spend = `coalesce(g.expected_spend, CAST(${populationSpend} AS DOUBLE))`;
  return `SELECT f.id_client,
        CAST(CASE WHEN c.id_client IS NULL THEN nb.prob ELSE r.prob_purchase END AS DOUBLE) AS prob_reachat_12m,
        CAST(CASE WHEN c.id_client IS NULL THEN nb.value ELSE r.expected_purchases * ${spend} END AS DOUBLE) AS expected_value_12m,
        CAST(CASE WHEN c.id_client IS NULL THEN 0 ELSE (1 - r.p_alive) * r.purchases_if_alive * ${spend} END AS DOUBLE) AS value_at_risk_12m
      FROM client_features f
      LEFT JOIN ${tables.clients} c ON c.id_client = f.id_client
      LEFT JOIN ${tables.rfm} r ON r.x = c.x AND r.t_x = c.t_x AND r.t_age = c.t_age
      LEFT JOIN ${tables.spend} g ON g.x = c.x AND g.zbar_cents = c.zbar_cents
      LEFT JOIN ${tables.nonBuyers} nb ON nb.band = ${tenureBand('f.tenure_days')}`;
}
