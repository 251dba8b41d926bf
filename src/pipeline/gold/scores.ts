import { FEATURE_COLUMNS } from './clients.ts';
import { segmentCase, segmentTable } from './segments.ts';
import { in12m, type GoldTable } from './table.ts';

/** `client_scores` joins the features with a model's scores (view `model_scores`) and the segment rules. */
export function clientScores(modelName: string): GoldTable {
  return {
    name: 'client_scores',
    sql: ({ d }) => `SELECT id_client, ${FEATURE_COLUMNS.join(', ')},
        prob_reachat_12m, expected_value_12m, value_at_risk_12m,
        ${segmentCase(d)} AS segment_label, ${d.literal(modelName)} AS model
      FROM (
        SELECT f.*, s.prob_reachat_12m, s.expected_value_12m, s.value_at_risk_12m,
               CASE WHEN f.total_orders_all > 0
                    THEN percent_rank() OVER (PARTITION BY f.total_orders_all > 0 ORDER BY f.total_spend_all) END AS spend_rank
        FROM client_features f JOIN model_scores s ON s.id_client = f.id_client
      ) scored`,
  };
}

export const segmentSummary: GoldTable = {
  name: 'segment_summary',
  // Summed per segment before the join: 5 rows meet the segment list, not every client.
  sql: ({ d }) => `WITH segments AS (${segmentTable(d)}),
    total AS (SELECT count(*) AS n FROM client_scores),
    per_segment AS (
      SELECT segment_label, count(*) AS n_clients, avg(prob_reachat_12m) AS avg_prob_reachat_12m,
             sum(expected_value_12m) AS sum_expected_value_12m, sum(value_at_risk_12m) AS sum_value_at_risk_12m,
             avg(recency_days) AS avg_recency_days, avg(freq_12m) AS avg_freq_12m, avg(monetary_12m) AS avg_monetary_12m
      FROM client_scores GROUP BY segment_label
    )
    SELECT g.segment_label, coalesce(s.n_clients, 0) AS n_clients,
           CAST(CASE WHEN t.n > 0 THEN coalesce(s.n_clients, 0) / t.n ELSE 0 END AS DOUBLE) AS share_clients,
           CAST(s.avg_prob_reachat_12m AS DOUBLE) AS avg_prob_reachat_12m,
           CAST(coalesce(s.sum_expected_value_12m, 0) AS DOUBLE) AS sum_expected_value_12m,
           CAST(coalesce(s.sum_value_at_risk_12m, 0) AS DOUBLE) AS sum_value_at_risk_12m,
           CAST(s.avg_recency_days AS DOUBLE) AS avg_recency_days,
           CAST(s.avg_freq_12m AS DOUBLE) AS avg_freq_12m,
           CAST(s.avg_monetary_12m AS DOUBLE) AS avg_monetary_12m,
           g.action
    FROM segments g CROSS JOIN total t LEFT JOIN per_segment s ON s.segment_label = g.segment_label
    ORDER BY g.segment_order`,
};

export const kpis: GoldTable = {
  name: 'kpis',
  sql: (inputs) => `SELECT ${inputs.asOf} AS as_of, f.ca_total, f.n_achats, f.n_clients_acheteurs,
           CAST(CASE WHEN f.n_achats > 0 THEN f.ca_total / f.n_achats END AS DOUBLE) AS panier_moyen,
           f.ca_12m, f.clients_actifs_12m,
           s.avg_prob_reachat_12m, s.sum_expected_value_12m, s.sum_value_at_risk_12m
    FROM (
      SELECT CAST(coalesce(sum(montant), 0) AS DOUBLE) AS ca_total, count(*) AS n_achats,
             count(DISTINCT id_client) AS n_clients_acheteurs,
             CAST(coalesce(sum(CASE WHEN ${in12m(inputs, 'date_achat')} THEN montant END), 0) AS DOUBLE) AS ca_12m,
             count(DISTINCT CASE WHEN ${in12m(inputs, 'date_achat')} THEN id_client END) AS clients_actifs_12m
      FROM fact_achats WHERE date_achat <= ${inputs.asOf}
    ) f CROSS JOIN (
      SELECT CAST(avg(prob_reachat_12m) AS DOUBLE) AS avg_prob_reachat_12m,
             CAST(coalesce(sum(expected_value_12m), 0) AS DOUBLE) AS sum_expected_value_12m,
             CAST(coalesce(sum(value_at_risk_12m), 0) AS DOUBLE) AS sum_value_at_risk_12m
      FROM client_scores
    ) s`,
};
