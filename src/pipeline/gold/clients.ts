import { in12m, type GoldTable } from './table.ts';

/** Purchases, clients and their features: the tables the scores build on. */
export const factAchats: GoldTable = {
  name: 'fact_achats',
  sql: ({ d }) => `SELECT a.id_achat, a.id_client, a.date_achat, a.montant, a.produit, c.pays, ${d.monthKey('a.date_achat')} AS mois
    FROM silver_achats a JOIN silver_clients c ON c.id_client = a.id_client
`,
};

/**
 * The clients known at as_of: registered by then, or with a purchase by
 * then (a guest purchase, the account created later: common in retail).
 * Their tenure counts from the earlier of the two dates.
 */
export const dimClients: GoldTable = {
  name: 'dim_clients',
  sql: ({ d, asOf }) => `WITH history AS (
      SELECT id_client, min(date_achat) AS first_purchase_date, max(date_achat) AS last_purchase_date,
             count(*) AS total_orders_all, sum(montant) AS total_spend_all
      FROM fact_achats WHERE date_achat <= ${asOf} GROUP BY id_client
    )
    SELECT c.id_client, c.nom, c.email, c.email_valid, c.pays, c.date_inscription,
           h.first_purchase_date, h.last_purchase_date,
           CAST(${d.daysBetween('h.last_purchase_date', asOf)} AS BIGINT) AS recency_days,
           CAST(${d.daysBetween('CASE WHEN h.first_purchase_date < c.date_inscription THEN h.first_purchase_date ELSE c.date_inscription END', asOf)} AS BIGINT) AS tenure_days,
           CAST(coalesce(h.total_orders_all, 0) AS BIGINT) AS total_orders_all,
           CAST(coalesce(h.total_spend_all, 0) AS DOUBLE) AS total_spend_all,
           CAST(h.total_spend_all / h.total_orders_all AS DOUBLE) AS avg_order_value_all
    FROM silver_clients c LEFT JOIN history h ON h.id_client = c.id_client
    WHERE c.date_inscription <= ${asOf} OR h.id_client IS NOT NULL
`,
};

export const clientFeatures: GoldTable = {
  name: 'client_features',
  sql: (inputs) => `WITH last_12m AS (
      SELECT id_client, count(*) AS freq_12m, sum(montant) AS monetary_12m, count(DISTINCT produit) AS product_diversity_12m
      FROM fact_achats WHERE ${in12m(inputs, 'date_achat')} GROUP BY id_client
    )
    SELECT d.id_client,
           CAST(coalesce(w.freq_12m, 0) AS BIGINT) AS freq_12m,
           CAST(coalesce(w.monetary_12m, 0) AS DOUBLE) AS monetary_12m,
           CAST(w.monetary_12m / w.freq_12m AS DOUBLE) AS monetary_avg_12m,
           d.recency_days, d.tenure_days,
           CAST(coalesce(w.product_diversity_12m, 0) AS BIGINT) AS product_diversity_12m,
           d.total_orders_all, d.total_spend_all, d.avg_order_value_all
    FROM dim_clients d LEFT JOIN last_12m w ON w.id_client = d.id_client
`,
};

export const FEATURE_COLUMNS = [
  'freq_12m', 'monetary_12m', 'monetary_avg_12m', 'recency_days', 'tenure_days', 'product_diversity_12m',
  'total_orders_all', 'total_spend_all', 'avg_order_value_all',
] as const;
