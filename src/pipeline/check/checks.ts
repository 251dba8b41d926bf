import { GOLD_SCHEMA, GOLD_TABLES } from '../../core/schema.ts';
import { SEGMENT_LABELS } from '../gold/segments.ts';
import { dateLiteral, type Dialect } from '../../engines/dialect.ts';

/**
 * The data checks of `electrolake check`. Each is one SQL query over the
 * gold views (and `silver_achats`) returning one row with `failures` (0
 * when the check passes) and an optional `detail`. Written once, so they run
 * on any engine.
 */
export interface SqlCheck {
  name: string;
  sql: string;
}

const TOLERANCE = 1e-6;

// A sum over no rows is NULL in SQL: every sum a check compares is
// coalesced to 0, so a lake without a purchase (or without a client) passes.

/** |a − b| within a relative tolerance, as SQL. */
function sameAmount(a: string, b: string): string {
  return `abs(coalesce(${a}, 0) - coalesce(${b}, 0)) <= ${TOLERANCE} * greatest(1, abs(coalesce(${b}, 0)))`;
}

export function goldChecks(d: Dialect, asOf: string): SqlCheck[] {
  const checks: SqlCheck[] = [];
  for (const table of GOLD_TABLES) {
    const { key } = GOLD_SCHEMA[table];
    const cols = key.map((c) => d.quote(c));
    checks.push({
      name: `${table}: key (${key.join(', ')}) not null and unique`,
      sql: `SELECT count(*) - count(DISTINCT ${cols.length === 1 ? cols[0] : `concat_ws('|', ${cols.map((c) => `CAST(${c} AS STRING)`).join(', ')})`})
              + count(*) FILTER (WHERE ${cols.map((c) => `${c} IS NULL`).join(' OR ')}) AS failures FROM ${table}`,
    });
  }
  const scoreNulls = ['prob_reachat_12m', 'expected_value_12m', 'value_at_risk_12m', 'segment_label'].map((c) => `${c} IS NULL`).join(' OR ');
  checks.push(
    {
      name: 'client_scores: scores present and in range (prob in [0,1], values >= 0)',
      sql: `SELECT count(*) AS failures FROM client_scores WHERE ${scoreNulls}
              OR prob_reachat_12m < 0 OR prob_reachat_12m > 1 OR expected_value_12m < 0 OR value_at_risk_12m < 0
              OR isnan(prob_reachat_12m) OR isnan(expected_value_12m) OR isnan(value_at_risk_12m)`,
    },
    {
      name: `client_scores: segment_label in ${SEGMENT_LABELS.join(', ')}`,
      sql: `SELECT count(*) AS failures FROM client_scores WHERE segment_label NOT IN (${SEGMENT_LABELS.map((s) => d.literal(s)).join(', ')})`,
    },
    {
      name: 'segment_summary: counts add up to client_scores',
      sql: `SELECT CASE WHEN coalesce((SELECT sum(n_clients) FROM segment_summary), 0) = (SELECT count(*) FROM client_scores) THEN 0 ELSE 1 END AS failures`,
    },
    {
      name: 'fact_achats: dates parsed, amounts non-negative, products present',
      sql: `SELECT count(*) AS failures FROM fact_achats WHERE date_achat IS NULL OR montant IS NULL OR montant < 0 OR produit IS NULL OR id_client IS NULL`,
    },
    {
      name: 'fact_achats: every purchase up to as_of belongs to a client of dim_clients',
      sql: `SELECT count(*) AS failures FROM fact_achats f LEFT JOIN dim_clients c ON c.id_client = f.id_client
            WHERE f.date_achat <= ${dateLiteral(d, asOf)} AND c.id_client IS NULL`,
    },
    {
      name: 'client_features, client_scores: every client is in dim_clients, and the other way round',
      sql: `SELECT (SELECT count(*) FROM client_features f LEFT JOIN dim_clients c ON c.id_client = f.id_client WHERE c.id_client IS NULL)
                 + (SELECT count(*) FROM client_scores s LEFT JOIN dim_clients c ON c.id_client = s.id_client WHERE c.id_client IS NULL)
                 + abs((SELECT count(*) FROM dim_clients) - (SELECT count(*) FROM client_scores)) AS failures`,
    },
    {
      name: 'dim_clients: everyone registered or buying by as_of',
      sql: `SELECT count(*) AS failures FROM dim_clients
            WHERE date_inscription > ${dateLiteral(d, asOf)} AND (first_purchase_date IS NULL OR first_purchase_date > ${dateLiteral(d, asOf)})`,
    },
  );
  const silverTotal = '(SELECT sum(montant) FROM silver_achats)';
  const silverCount = '(SELECT count(*) FROM silver_achats)';
  for (const table of ['fact_achats', 'ca_monthly', 'ca_country', 'ca_product', 'daily', 'weekly', 'distribution'] as const) {
    const [sum, count] = table === 'fact_achats' ? ['sum(montant)', 'count(*)'] : ['sum(ca)', 'sum(n_achats)'];
    checks.push({
      name: `${table}: total amount and purchase count equal silver's`,
      sql: `SELECT CASE WHEN ${sameAmount(`(SELECT ${sum} FROM ${table})`, silverTotal)}
                         AND coalesce((SELECT ${count} FROM ${table}), 0) = ${silverCount} THEN 0 ELSE 1 END AS failures`,
    });
  }
  checks.push(
    {
      name: 'kpis: ca_total and n_achats equal the purchases up to as_of',
      sql: `SELECT CASE WHEN ${sameAmount('(SELECT ca_total FROM kpis)', `(SELECT sum(montant) FROM fact_achats WHERE date_achat <= ${dateLiteral(d, asOf)})`)}
                         AND (SELECT n_achats FROM kpis) = (SELECT count(*) FROM fact_achats WHERE date_achat <= ${dateLiteral(d, asOf)})
                         AND (SELECT count(*) FROM kpis) = 1 THEN 0 ELSE 1 END AS failures`,
    },
    {
      name: 'amounts non-negative in every sales table',
      sql: `SELECT (SELECT count(*) FROM ca_monthly WHERE ca < 0) + (SELECT count(*) FROM ca_country WHERE ca < 0)
                 + (SELECT count(*) FROM ca_product WHERE ca < 0) + (SELECT count(*) FROM daily WHERE ca < 0) AS failures`,
    },
    {
      name: 'cohort_first_purchase: retention in [0,1], offset >= 0',
      sql: `SELECT count(*) AS failures FROM cohort_first_purchase WHERE retention_rate < 0 OR retention_rate > 1 OR month_offset < 0 OR active_clients > n_clients`,
    },
  );
  return checks;
}
