import type { Dialect } from '../../engines/dialect.ts';
/**
 * Backtest metrics in SQL over one table of (model, id_client, p, ev, y,
 * value): each model's predicted probability and 12-month value next to
 * what the client really did (y = bought at least once, value = spend).
 * Everything is grouped by model so both are measured the same way.
 */

/** Scalar metrics per model. */
export function summarySql(evalTable: string): string {
  // AUC by the Mann–Whitney statistic: ranks of p, ties sharing their mean rank.
  return `WITH ranked AS (
      SELECT model, p, ev, y, value,
             rank() OVER (PARTITION BY model ORDER BY p) + (count(*) OVER (PARTITION BY model, p) - 1) / 2.0 AS r
      FROM ${evalTable}
    )
    SELECT model,
           count(*) AS clients,
           CAST(sum(y) AS BIGINT) AS buyers,
           CAST((sum(CASE WHEN y = 1 THEN r ELSE 0 END) - sum(y) * (sum(y) + 1) / 2.0)
                / nullif(sum(y) * (count(*) - sum(y)), 0) AS DOUBLE) AS auc,
           CAST(avg((p - y) * (p - y)) AS DOUBLE) AS brier,
           CAST(avg(-(y * ln(greatest(p, 1e-15)) + (1 - y) * ln(greatest(1 - p, 1e-15)))) AS DOUBLE) AS log_loss,
           CAST(avg(p) AS DOUBLE) AS mean_prob,
           CAST(avg(y) AS DOUBLE) AS observed_rate,
           CAST(sum(ev) AS DOUBLE) AS predicted_value,
           CAST(sum(value) AS DOUBLE) AS realised_value,
           CAST((sum(ev) - sum(value)) / nullif(sum(value), 0) AS DOUBLE) AS value_rel_error,
           CAST(avg(abs(ev - value)) AS DOUBLE) AS value_mae,
           CAST(sqrt(avg((ev - value) * (ev - value))) AS DOUBLE) AS value_rmse
    FROM ranked GROUP BY model ORDER BY model`;
}

/** Calibration: clients in ten equal groups by predicted probability, mean prediction vs observed share. */
export function calibrationSql(evalTable: string): string {
  return `SELECT model, decile, count(*) AS clients, CAST(avg(p) AS DOUBLE) AS mean_prob, CAST(avg(y) AS DOUBLE) AS observed_rate,
           CAST(sum(ev) AS DOUBLE) AS predicted_value, CAST(sum(value) AS DOUBLE) AS realised_value
    FROM (SELECT model, p, y, ev, value, ntile(10) OVER (PARTITION BY model ORDER BY p, id_client) AS decile FROM ${evalTable}) t
    GROUP BY model, decile ORDER BY model, decile`;
}

/**
 * The advisor's contact list: clients ranked by expected 12-month value
 * (who to call first); the share of the realised next-year value that the
 * top 10 % and 20 % of the list account for.
 */
export function captureSql(evalTable: string): string {
  return `WITH listed AS (
      SELECT model, value,
             row_number() OVER (PARTITION BY model ORDER BY ev DESC, id_client) AS k,
             count(*) OVER (PARTITION BY model) AS n
      FROM ${evalTable}
    )
    SELECT model,
           CAST(coalesce(sum(CASE WHEN k <= 0.1 * n THEN value END), 0) / nullif(sum(value), 0) AS DOUBLE) AS capture_top10,
           CAST(coalesce(sum(CASE WHEN k <= 0.2 * n THEN value END), 0) / nullif(sum(value), 0) AS DOUBLE) AS capture_top20
    FROM listed GROUP BY model ORDER BY model`;
}

/** What each advisor segment (as of the cutoff) really did next year, and each model's mean prediction for it. */
export function segmentOutcomesSql(d: Dialect, evalTable: string, models: readonly string[]): string {
  const [name = ''] = models;
  const first = d.literal(name);
  const perModel = models.map((m) => `CAST(avg(CASE WHEN model = ${d.literal(m)} THEN p END) AS DOUBLE) AS mean_prob_${m}`).join(', ');
  // Segments do not depend on the model: one model's rows count each client once.
  return `SELECT segment_label,
           count(CASE WHEN model = ${first} THEN 1 END) AS clients,
           CAST(avg(CASE WHEN model = ${first} THEN y END) AS DOUBLE) AS observed_rate,
           CAST(coalesce(sum(CASE WHEN model = ${first} THEN value END), 0) AS DOUBLE) AS realised_value,
           ${perModel}
    FROM ${evalTable} GROUP BY segment_label ORDER BY segment_label`;
}
