import type { Dialect } from '../engines/dialect.ts';

/**
 * Clients who registered but never bought are outside BTYD models (they
 * have no first purchase to start a clock). Their score is what the
 * history says about people like them: among clients registered at least a
 * year before `as_of` who had not bought by `as_of − 365`, grouped by how
 * long they had been registered then, the share who made a first purchase
 * in the following 365 days (`prob`) and their mean spend over those days,
 * zeros included (`value`). A current non-buyer gets the figures of their
 * tenure band; a band nobody fell in gets the figures of all bands; with
 * less than a year of history, 0. Value at risk is 0: there is no
 * established spending to lose yet.
 *
 * Why tenure bands: a new registrant usually buys within weeks, while one
 * registered for years without buying rarely starts; one rate for both
 * would rank them equal.
 */
export const TENURE_BANDS_DAYS = [30, 90, 365] as const;

/** The band (0 = newest) of a tenure in days: [0, 30), [30, 90), [90, 365), [365, ∞). */
export function tenureBand(tenureDays: string): string {
  return `CASE ${TENURE_BANDS_DAYS.map((limit, i) => `WHEN ${tenureDays} < ${limit} THEN ${i}`).join(' ')} ELSE ${TENURE_BANDS_DAYS.length} END`;
}

/** One row per band: `band, prob, value`, from `dim_clients` as of `asOf` (a DATE literal). */
export function nonBuyerRatesSql(d: Dialect, asOf: string): string {
  const start = d.addDays(asOf, '-365');
  const bands = Array.from({ length: TENURE_BANDS_DAYS.length + 1 }, (_, i) => `SELECT ${i} AS band`).join(' UNION ALL ');
  return `WITH base AS (
      SELECT ${tenureBand(d.daysBetween('date_inscription', start))} AS band,
             CASE WHEN first_purchase_date IS NOT NULL THEN 1.0 ELSE 0.0 END AS bought,
             total_spend_all AS spend
      FROM dim_clients
      WHERE date_inscription <= ${start} AND (first_purchase_date IS NULL OR first_purchase_date > ${start})
    ), by_band AS (
      SELECT band, avg(bought) AS prob, avg(spend) AS value FROM base GROUP BY band
    ), overall AS (
      SELECT avg(bought) AS prob, avg(spend) AS value FROM base
    )
    SELECT b.band,
           CAST(coalesce(s.prob, o.prob, 0) AS DOUBLE) AS prob,
           CAST(coalesce(s.value, o.value, 0) AS DOUBLE) AS value
    FROM (${bands}) b CROSS JOIN overall o LEFT JOIN by_band s ON s.band = b.band`;
}
