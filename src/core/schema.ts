/**
 * The gold tables (docs/contract/gold-tables.md, generated from this file): names, columns and logical types. The
 * contract shared by `check`, the serving stores, the API and its OpenAPI
 * document. Column order is the contract's order.
 */
export type ColumnType = 'integer' | 'double' | 'date' | 'string' | 'boolean';

export interface TableSchema {
  columns: Record<string, ColumnType>;
  /** Columns that identify a row: not null and unique together. */
  key: readonly string[];
  /** Serving collection name (docs/contract/serving.md). */
  collection: string;
}

const features = {
  freq_12m: 'integer', monetary_12m: 'double', monetary_avg_12m: 'double', recency_days: 'integer',
  tenure_days: 'integer', product_diversity_12m: 'integer', total_orders_all: 'integer',
  total_spend_all: 'double', avg_order_value_all: 'double',
} as const satisfies Record<string, ColumnType>;

const sales = { ca: 'double', n_achats: 'integer', n_clients: 'integer', panier_moyen: 'double' } as const;

export const GOLD_SCHEMA = {
  fact_achats: {
    collection: 'gold_fact_achats',
    key: ['id_achat'],
    columns: { id_achat: 'integer', id_client: 'integer', date_achat: 'date', montant: 'double', produit: 'string', pays: 'string', mois: 'string' },
  },
  dim_clients: {
    collection: 'gold_dim_clients',
    key: ['id_client'],
    columns: {
      id_client: 'integer', nom: 'string', email: 'string', email_valid: 'boolean', pays: 'string', date_inscription: 'date',
      first_purchase_date: 'date', last_purchase_date: 'date', recency_days: 'integer', tenure_days: 'integer',
      total_orders_all: 'integer', total_spend_all: 'double', avg_order_value_all: 'double',
    },
  },
  client_features: { collection: 'gold_client_features', key: ['id_client'], columns: { id_client: 'integer', ...features } },
  client_scores: {
    collection: 'gold_client_scores',
    key: ['id_client'],
    columns: {
      id_client: 'integer', ...features, prob_reachat_12m: 'double', expected_value_12m: 'double',
      value_at_risk_12m: 'double', segment_label: 'string', model: 'string',
    },
  },
  segment_summary: {
    collection: 'gold_segment_summary',
    key: ['segment_label'],
    columns: {
      segment_label: 'string', n_clients: 'integer', share_clients: 'double', avg_prob_reachat_12m: 'double',
      sum_expected_value_12m: 'double', sum_value_at_risk_12m: 'double', avg_recency_days: 'double',
      avg_freq_12m: 'double', avg_monetary_12m: 'double', action: 'string',
    },
  },
  ca_monthly: { collection: 'gold_monthly', key: ['mois'], columns: { mois: 'string', ...sales } },
  ca_country: { collection: 'gold_by_country', key: ['pays'], columns: { pays: 'string', ...sales } },
  ca_product: { collection: 'gold_by_product', key: ['produit'], columns: { produit: 'string', ...sales } },
  cohort_first_purchase: {
    collection: 'gold_cohort_first_purchase',
    key: ['cohort_month', 'month_offset'],
    columns: {
      cohort_month: 'string', month_offset: 'integer', n_clients: 'integer', active_clients: 'integer',
      retention_rate: 'double', ca: 'double',
    },
  },
  daily: { collection: 'gold_daily', key: ['date'], columns: { date: 'date', ca: 'double', n_achats: 'integer', n_clients: 'integer' } },
  weekly: {
    collection: 'gold_weekly',
    key: ['week_start'],
    columns: { week_start: 'date', iso_week: 'string', ca: 'double', n_achats: 'integer', n_clients: 'integer' },
  },
  monthly_growth: {
    collection: 'gold_monthly_growth',
    key: ['mois'],
    columns: {
      mois: 'string', ca: 'double', ca_prev_month: 'double', mom_growth: 'double', ca_prev_year: 'double', yoy_growth: 'double',
    },
  },
  distribution: {
    collection: 'gold_distribution',
    key: ['bucket'],
    columns: { bucket: 'string', min: 'double', max: 'double', n_achats: 'integer', ca: 'double', share_achats: 'double' },
  },
  kpis: {
    collection: 'gold_kpis',
    key: ['as_of'],
    columns: {
      as_of: 'date', ca_total: 'double', n_achats: 'integer', n_clients_acheteurs: 'integer', panier_moyen: 'double',
      ca_12m: 'double', clients_actifs_12m: 'integer', avg_prob_reachat_12m: 'double',
      sum_expected_value_12m: 'double', sum_value_at_risk_12m: 'double',
    },
  },
  call_list: {
    collection: 'gold_call_list',
    key: ['id_client'],
    columns: {
      rank: 'integer', id_client: 'integer', nom: 'string', email: 'string', pays: 'string', segment_label: 'string', action: 'string',
      priority: 'double', reason: 'string', last_purchase_date: 'date', last_product: 'string', prob_reachat_12m: 'double',
      expected_value_12m: 'double', value_at_risk_12m: 'double',
    },
  },
} as const satisfies Record<string, TableSchema>;

export type GoldTableName = keyof typeof GOLD_SCHEMA;
export const GOLD_TABLES = Object.keys(GOLD_SCHEMA) as GoldTableName[];
