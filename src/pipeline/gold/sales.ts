import { salesAggregates, type GoldInputs, type GoldTable } from './table.ts';

/** Sales tables: they cover every valid purchase (SPEC §4), whatever `as_of`. */
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

/** Every calendar day from the first to the last purchase, joined to the purchases of that day. */
function daysWithPurchases({ d, firstDay, lastDay }: GoldInputs): string {
  const days =
    firstDay === null || lastDay === null
      ? `(SELECT CAST(NULL AS DATE) AS ${d.quote('date')} FROM fact_achats WHERE 1 = 0)`
      : d.dateSeries(`DATE '${firstDay}'`, `DATE '${lastDay}'`);
  return `${days} days LEFT JOIN fact_achats f ON f.date_achat = days.${d.quote('date')}`;
}

export const daily: GoldTable = {
  name: 'daily',
  sql: (inputs) => {
    const day = `days.${inputs.d.quote('date')}`;
    return `SELECT ${day} AS ${inputs.d.quote('date')}, CAST(coalesce(sum(f.montant), 0) AS DOUBLE) AS ca,
        count(f.id_achat) AS n_achats, count(DISTINCT f.id_client) AS n_clients
      FROM ${daysWithPurchases(inputs)} GROUP BY ${day} ORDER BY ${day}`;
  },
};

export const weekly: GoldTable = {
  name: 'weekly',
  sql: (inputs) => {
    const { d } = inputs;
    const day = `days.${d.quote('date')}`;
    return `SELECT ${d.weekStart(day)} AS week_start, ${d.isoWeekKey(day)} AS iso_week,
        CAST(coalesce(sum(f.montant), 0) AS DOUBLE) AS ca, count(f.id_achat) AS n_achats, count(DISTINCT f.id_client) AS n_clients
      FROM ${daysWithPurchases(inputs)}
      GROUP BY ${d.weekStart(day)}, ${d.isoWeekKey(day)} ORDER BY week_start`;
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
      return `SELECT ${i} AS bucket_index, '${label}' AS bucket, CAST(${lo} AS DOUBLE) AS lo, CAST(${hi ?? 'NULL'} AS DOUBLE) AS hi`;
    }).join(' UNION ALL ');
    const index = `CASE ${AMOUNT_BUCKETS.map((lo, i) => `WHEN montant >= ${lo} THEN ${i}`).reverse().join(' ')} END`;
    return `WITH buckets AS (${buckets}),
      sized AS (SELECT ${index} AS bucket_index, montant FROM fact_achats),
      total AS (SELECT count(*) AS n FROM fact_achats)
      SELECT b.bucket, b.lo AS ${d.quote('min')}, b.hi AS ${d.quote('max')}, count(s.montant) AS n_achats,
             CAST(coalesce(sum(s.montant), 0) AS DOUBLE) AS ca,
             CAST(CASE WHEN t.n > 0 THEN count(s.montant) / t.n ELSE 0 END AS DOUBLE) AS share_achats
      FROM buckets b CROSS JOIN total t LEFT JOIN sized s ON s.bucket_index = b.bucket_index
      GROUP BY b.bucket_index, b.bucket, b.lo, b.hi, t.n ORDER BY b.bucket_index`;
  },
};

export const cohortFirstPurchase: GoldTable = {
  name: 'cohort_first_purchase',
  sql: ({ d }) => `WITH firsts AS (
      SELECT id_client, min(date_achat) AS first_date FROM fact_achats GROUP BY id_client
    ),
    sizes AS (SELECT ${d.monthKey('first_date')} AS cohort_month, count(*) AS n_clients FROM firsts GROUP BY ${d.monthKey('first_date')}),
    activity AS (
      SELECT f.id_client, f.montant, ${d.monthKey('c.first_date')} AS cohort_month,
             (year(f.date_achat) * 12 + month(f.date_achat)) - (year(c.first_date) * 12 + month(c.first_date)) AS month_offset
      FROM fact_achats f JOIN firsts c ON c.id_client = f.id_client
    )
    SELECT a.cohort_month, CAST(a.month_offset AS BIGINT) AS month_offset, s.n_clients,
           count(DISTINCT a.id_client) AS active_clients,
           CAST(count(DISTINCT a.id_client) / s.n_clients AS DOUBLE) AS retention_rate,
           CAST(sum(a.montant) AS DOUBLE) AS ca
    FROM activity a JOIN sizes s ON s.cohort_month = a.cohort_month
    GROUP BY a.cohort_month, a.month_offset, s.n_clients
    ORDER BY a.cohort_month, month_offset`,
};
