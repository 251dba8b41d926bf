import type { GOLD_SCHEMA, GoldTableName } from './schema.ts';

/**
 * What each gold table and column means, in words. Typed against
 * `GOLD_SCHEMA`, so a column added to the schema without a meaning (or a
 * meaning left for a removed column) fails the typecheck; the contract page
 * docs/contract/gold-tables.md is generated from both (`npm run docs:contract`).
 */
export interface TableMeaning<T extends GoldTableName> {
  /** One row per … */
  grain: string;
  /** Which purchases and clients the table covers, and its order. */
  scope: string;
  columns: { [C in keyof (typeof GOLD_SCHEMA)[T]['columns']]: string };
}

const features = {
  freq_12m: 'purchases in the 12-month window (0 when none)',
  monetary_12m: 'amount spent in the 12-month window, € (0 when none)',
  monetary_avg_12m: '`monetary_12m / freq_12m`; null when `freq_12m` is 0',
  recency_days: 'days between the last purchase (up to `as_of`) and `as_of`; null for a client who never bought',
  tenure_days: 'days from `date_inscription` to `as_of`',
  product_diversity_12m: 'distinct products bought in the 12-month window',
  total_orders_all: 'purchases up to `as_of`',
  total_spend_all: 'amount spent up to `as_of`, €',
  avg_order_value_all: '`total_spend_all / total_orders_all`; null when the client never bought',
} as const;

const sales = {
  ca: 'turnover (chiffre d’affaires), €',
  n_achats: 'number of purchases',
  n_clients: 'distinct clients who bought',
  panier_moyen: 'average basket: `ca / n_achats`, €',
} as const;

export const GOLD_MEANING: { [T in GoldTableName]: TableMeaning<T> } = {
  fact_achats: {
    grain: 'valid purchase',
    scope: 'every valid purchase of silver, whatever `as_of`',
    columns: {
      id_achat: 'purchase id (unique)',
      id_client: 'buyer, always a client of silver',
      date_achat: 'purchase day',
      montant: 'amount, € (never negative)',
      produit: 'product, canonical spelling',
      pays: 'the buyer’s country, canonical spelling (null when unknown)',
      mois: 'purchase month, `YYYY-MM`',
    },
  },
  dim_clients: {
    grain: 'client',
    scope: 'clients registered on or before `as_of`; purchase figures count purchases up to `as_of`',
    columns: {
      id_client: 'client id (unique)',
      nom: 'name',
      email: 'e-mail; null when the export’s address was not valid',
      email_valid: 'false when the export’s address was repaired to null',
      pays: 'country, canonical spelling; null when blank in the export',
      date_inscription: 'registration day',
      first_purchase_date: 'first purchase up to `as_of`; null when none',
      last_purchase_date: 'last purchase up to `as_of`; null when none',
      recency_days: features.recency_days,
      tenure_days: features.tenure_days,
      total_orders_all: features.total_orders_all,
      total_spend_all: features.total_spend_all,
      avg_order_value_all: features.avg_order_value_all,
    },
  },
  client_features: {
    grain: 'client',
    scope: 'the clients of `dim_clients`',
    columns: { id_client: 'client id (unique)', ...features },
  },
  client_scores: {
    grain: 'client',
    scope: 'the clients of `dim_clients`, each with one score and one segment (see scores.md)',
    columns: {
      id_client: 'client id (unique)',
      ...features,
      prob_reachat_12m: 'probability of at least one purchase in the 365 days after `as_of`, in [0, 1]',
      expected_value_12m: 'expected spend in the 365 days after `as_of`, € (≥ 0)',
      value_at_risk_12m: 'value lost if the client does not come back, € (≥ 0)',
      segment_label: 'one of VIP, À potentiel, Actifs, À relancer, Dormants',
      model: 'the scoring model that produced the row (`heuristic`, `btyd`, or the fallback it used)',
    },
  },
  segment_summary: {
    grain: 'segment (all five, in rule order, even when empty)',
    scope: 'the rows of `client_scores`',
    columns: {
      segment_label: 'segment name',
      n_clients: 'clients in the segment',
      share_clients: 'share of all scored clients, in [0, 1]',
      avg_prob_reachat_12m: 'mean `prob_reachat_12m`; null for an empty segment',
      sum_expected_value_12m: 'sum of `expected_value_12m`, €',
      sum_value_at_risk_12m: 'sum of `value_at_risk_12m`, €',
      avg_recency_days: 'mean `recency_days` of those who bought; null when none did',
      avg_freq_12m: 'mean `freq_12m`; null for an empty segment',
      avg_monetary_12m: 'mean `monetary_12m`; null for an empty segment',
      action: 'what to do with the segment (French, shown in the dashboard)',
    },
  },
  ca_monthly: {
    grain: 'month with at least one purchase',
    scope: 'every valid purchase; by `mois` ascending',
    columns: { mois: 'month, `YYYY-MM`', ...sales },
  },
  ca_country: {
    grain: 'country',
    scope: 'every valid purchase; by `ca` descending; clients without a country count as `Inconnu`',
    columns: { pays: 'country (`Inconnu` when blank)', ...sales },
  },
  ca_product: {
    grain: 'product',
    scope: 'every valid purchase; by `ca` descending',
    columns: { produit: 'product, canonical spelling', ...sales },
  },
  cohort_first_purchase: {
    grain: 'cohort month × month offset where the cohort bought',
    scope: 'every valid purchase; a cohort is the month of a client’s first purchase',
    columns: {
      cohort_month: 'month of the first purchase, `YYYY-MM`',
      month_offset: 'months since the cohort month (0 = the cohort month)',
      n_clients: 'clients in the cohort',
      active_clients: 'clients of the cohort who bought in that month',
      retention_rate: '`active_clients / n_clients`, in [0, 1]',
      ca: 'turnover of the cohort in that month, €',
    },
  },
  daily: {
    grain: 'calendar day from the first to the last purchase, days without sales included (zeros)',
    scope: 'every valid purchase; by `date` ascending',
    columns: { date: 'day', ca: sales.ca, n_achats: sales.n_achats, n_clients: sales.n_clients },
  },
  weekly: {
    grain: 'ISO week from the first to the last purchase, zero-filled',
    scope: 'every valid purchase; by `week_start` ascending',
    columns: {
      week_start: 'Monday of the week',
      iso_week: 'ISO week, `YYYY-Www`',
      ca: sales.ca,
      n_achats: sales.n_achats,
      n_clients: sales.n_clients,
    },
  },
  monthly_growth: {
    grain: 'month of `ca_monthly`',
    scope: 'every valid purchase; by `mois` ascending',
    columns: {
      mois: 'month, `YYYY-MM`',
      ca: sales.ca,
      ca_prev_month: 'turnover of the previous month; null when that month had no sales',
      mom_growth: '`ca / ca_prev_month − 1`; null without a positive base',
      ca_prev_year: 'turnover of the same month a year earlier; null when it had no sales',
      yoy_growth: '`ca / ca_prev_year − 1`; null without a positive base',
    },
  },
  distribution: {
    grain: 'amount bucket (0–50, 50–100, 100–200, 200–300, 300–500, 500–750, 750–1000, 1000–1500, 1500 € et plus)',
    scope: 'every valid purchase; buckets in increasing order, empty ones included',
    columns: {
      bucket: 'label, e.g. `100–200 €`',
      min: 'lower bound, € (included)',
      max: 'upper bound, € (excluded); null for the last bucket',
      n_achats: 'purchases in the bucket',
      ca: 'their turnover, €',
      share_achats: 'share of all purchases, in [0, 1]',
    },
  },
  kpis: {
    grain: 'one row',
    scope: 'purchases up to `as_of`, and the rows of `client_scores`',
    columns: {
      as_of: 'the day the customers are scored at',
      ca_total: 'turnover up to `as_of`, €',
      n_achats: 'purchases up to `as_of`',
      n_clients_acheteurs: 'distinct clients who bought up to `as_of`',
      panier_moyen: '`ca_total / n_achats`; null when there is no purchase',
      ca_12m: 'turnover in the 12-month window, €',
      clients_actifs_12m: 'distinct clients who bought in the 12-month window',
      avg_prob_reachat_12m: 'mean `prob_reachat_12m` over scored clients',
      sum_expected_value_12m: 'sum of `expected_value_12m`, €',
      sum_value_at_risk_12m: 'sum of `value_at_risk_12m`, €',
    },
  },
  call_list: {
    grain: 'one client worth contacting',
    scope: 'clients of `client_scores` whose 12-month value at stake (`expected_value_12m + value_at_risk_12m`) is at least 20 €, or 50 € when the last purchase is 3 years old or more; sorted by `priority`, descending, ties by `id_client`',
    columns: {
      rank: 'place in the whole list, 1 first',
      id_client: 'client id',
      nom: 'name',
      email: 'e-mail; null when invalid',
      pays: 'country; null when unknown',
      segment_label: 'segment (VIP, À potentiel, Actifs, À relancer, Dormants)',
      action: 'what to do, from the segment: `fideliser` (VIP), `convertir` (À potentiel), `developper` (Actifs), `relancer` (À relancer), `reactiver` (Dormants)',
      priority: '€ the call acts on: `value_at_risk_12m` for `relancer`, `expected_value_12m` for the other actions',
      reason: "one French sentence from the client's own facts: last purchase, orders, spend, chance to buy again, value at stake",
      last_purchase_date: 'day of the last purchase up to `as_of`; null when the client never bought',
      last_product: 'product of the last purchase; null when the client never bought',
      prob_reachat_12m: 'as in `client_scores`',
      expected_value_12m: 'as in `client_scores`, €',
      value_at_risk_12m: 'as in `client_scores`, €',
    },
  },
};
