import { salesAggregates, type GoldInputs, type GoldTable } from './table.ts';
import { dateLiteral } from '../../engines/dialect.ts';

/** Sales tables: they cover every valid purchase (docs/contract/dates.md), whatever `as_of`. */
export const caMonthly: GoldTable = {
  name: 'ca_monthly',
  sql: () => `SELECT mois, ${salesAggregates()} FROM fact_achats GROUP BY mois ORDER BY mois`,
};

export const caCountry: GoldTable = {
  name: 'ca_country',
  sql: () => `SELECT coalesce(pays, 'Inconnu') AS pays, ${salesAggregates()}
    FROM fact_achats GROUP BY coalesce(pays, 'Inconnu') ORDER BY ca DESC, pays`,
};

export const caProduct: GoldTable = {
  name: 'ca_product',
  sql: () => `SELECT produit, ${salesAggregates()} FROM fact_achats GROUP BY produit ORDER BY ca DESC, produit`,
};

/** Every calendar day from the first to the last purchase (no row when there is none), as `days`. */
function calendar({ d, firstDay, lastDay }: GoldInputs): string {
  const days =
    firstDay === null || lastDay === null
      ? `(SELECT CAST(NULL AS DATE) AS ${d.quote('date')} FROM fact_achats WHERE 1 = 0)`
      : d.dateSeries(dateLiteral(d, firstDay), dateLiteral(d, lastDay));
  return `${days} days`;
}

/**
 * Purchases summed per `period` (a SQL expression of `date_achat`) as
 * `(period, ca, n_achats, n_clients)`. The calendar joins these few rows
 * rather than every purchase: Spark would otherwise build a hash table of the
 * whole fact table for the join (and DuckDB does less work too).
 */
function salesPer(period: string): string {
  return `SELECT ${period} AS period, sum(montant) AS ca, count(*) AS n_achats, count(DISTINCT id_client) AS n_clients
    FROM fact_achats GROUP BY ${period}`;
}

/** The zero-filled sales columns of a calendar row `c` left-joined to `salesPer` rows `s`. */
const ZERO_FILLED = `CAST(coalesce(s.ca, 0) AS DOUBLE) AS ca, coalesce(s.n_achats, 0) AS n_achats, coalesce(s.n_clients, 0) AS n_clients`;

export const daily: GoldTable = {
  name: 'daily',
  sql: (inputs) => {
    const day = `days.${inputs.d.quote('date')}`;
    return `SELECT ${day} AS ${inputs.d.quote('date')}, ${ZERO_FILLED}
      FROM ${calendar(inputs)} LEFT JOIN (${salesPer('date_achat')}) s ON s.period = ${day}
      ORDER BY ${day}`;
  },
};

export const weekly: GoldTable = {
  name: 'weekly',
  sql: (inputs) => {
    const { d } = inputs;
    // The ISO week of a Monday is the ISO week of every day until Sunday.
    return `WITH weeks AS (SELECT DISTINCT ${d.weekStart(`days.${d.quote('date')}`)} AS week_start FROM ${calendar(inputs)})
      SELECT w.week_start, ${d.isoWeekKey('w.week_start')} AS iso_week, ${ZERO_FILLED}
      FROM weeks w LEFT JOIN (${salesPer(d.weekStart('date_achat'))}) s ON s.period = w.week_start
      ORDER BY w.week_start`;
  },
};

export const monthlyGrowth: GoldTable = {
  name: 'monthly_growth',
  sql: () => `WITH m AS (
      SELECT mois, ca, CAST(substr(mois, 1, 4) AS INT) * 12 + CAST(substr(mois, 6, 2) AS INT) AS month_index FROM ca_monthly
    )
    SELECT m.mois, m.ca, p.ca AS ca_prev_month,
           CAST(CASE WHEN p.ca > 0 THEN m.ca / p.ca - 1 END AS DOUBLE) AS mom_growth,
           y.ca AS ca_prev_year,
           CAST(CASE WHEN y.ca > 0 THEN m.ca / y.ca - 1 END AS DOUBLE) AS yoy_growth
    FROM m LEFT JOIN m p ON p.month_index = m.month_index - 1 LEFT JOIN m y ON y.month_index = m.month_index - 12
    ORDER BY m.mois`,
};

/** Basket amount buckets, in euros: [lower, upper). */
export const AMOUNT_BUCKETS = [0, 50, 100, 200, 300, 500, 750, 1000, 1500] as const;

export const distribution: GoldTable = {
  name: 'distribution',
  sql: ({ d }) => {
    const buckets = AMOUNT_BUCKETS.map((lo, i) => {
      const hi = AMOUNT_BUCKETS[i + 1];
      const label = hi === undefined ? `${lo} € et plus` : `${lo}–${hi} €`;
      return `SELECT ${i} AS bucket_index, ${d.literal(label)} AS bucket, CAST(${lo} AS DOUBLE) AS lo, CAST(${hi ?? 'NULL'} AS DOUBLE) AS hi`;
    }).join(' UNION ALL ');
    const index = `CASE ${AMOUNT_BUCKETS.map((lo, i) => `WHEN montant >= ${lo} THEN ${i}`).reverse().join(' ')} END`;
    // Summed per bucket before the join, like the calendar tables.
    return `WITH buckets AS (${buckets}),
      sized AS (
        SELECT bucket_index, count(*) AS n_achats, sum(montant) AS ca
        FROM (SELECT ${index} AS bucket_index, montant FROM fact_achats) bucketed GROUP BY bucket_index
      ),
      total AS (SELECT count(*) AS n FROM fact_achats)
      SELECT b.bucket, b.lo AS ${d.quote('min')}, b.hi AS ${d.quote('max')}, coalesce(s.n_achats, 0) AS n_achats,
             CAST(coalesce(s.ca, 0) AS DOUBLE) AS ca,
             CAST(CASE WHEN t.n > 0 THEN coalesce(s.n_achats, 0) / t.n ELSE 0 END AS DOUBLE) AS share_achats
      FROM buckets b CROSS JOIN total t LEFT JOIN sized s ON s.bucket_index = b.bucket_index ORDER BY b.bucket_index`;
  },
};

/**
 * A cohort's size is its number of clients active at offset 0 (everyone buys
 * in their first month), taken from the cells by a window over a few thousand
 * rows: Spark inlines a CTE at each use, so a separate count over `firsts`
 * aggregated the fact table by client a second time.
 */
export const cohortFirstPurchase: GoldTable = {
  name: 'cohort_first_purchase',
  sql: ({ d }) => `WITH firsts AS (
      SELECT id_client, min(date_achat) AS first_date FROM fact_achats GROUP BY id_client
    ),
    activity AS (
      SELECT f.id_client, f.montant, ${d.monthKey('c.first_date')} AS cohort_month,
             (year(f.date_achat) * 12 + month(f.date_achat)) - (year(c.first_date) * 12 + month(c.first_date)) AS month_offset
      FROM fact_achats f JOIN firsts c ON c.id_client = f.id_client
    ),
    cells AS (
      SELECT cohort_month, month_offset, count(DISTINCT id_client) AS active_clients, sum(montant) AS ca
      FROM activity GROUP BY cohort_month, month_offset
    )
    SELECT cohort_month, CAST(month_offset AS BIGINT) AS month_offset, n_clients, active_clients,
           CAST(active_clients / n_clients AS DOUBLE) AS retention_rate, CAST(ca AS DOUBLE) AS ca
    FROM (
      SELECT cells.*, max(CASE WHEN month_offset = 0 THEN active_clients END) OVER (PARTITION BY cohort_month) AS n_clients
      FROM cells
    ) sized
    ORDER BY cohort_month, month_offset`,
};
