import type { Engine } from '../../engines/engine.ts';
import { callList } from '../../pipeline/gold/call-list.ts';
import { clientScores } from '../../pipeline/gold/scores.ts';
import { CALL_ACTIONS } from '../../pipeline/gold/segments.ts';
import { goldInputsAt } from './client-views.ts';

/**
 * The call list each model would have given at the cutoff (the pipeline's
 * own gold SQL on that model's scores), against what the clients really
 * spent in the next 12 months. Per action: `call_<action>_clients` listed,
 * `call_<action>_top10` / `_top20`, the share of the next-year value of the
 * action's whole segment held by the first 10 % / 20 % of the action's list
 * (by priority), and `call_<action>_listed`, the share held by the whole
 * list (what the exclusion rule leaves out is the rest).
 *
 * Needs `fact_achats`, `dim_clients`, `client_features` at the cutoff,
 * `bt_scores_<model>`, `bt_segments` and `bt_actuals` (see run-backtest.ts).
 */
export async function callListCapture(engine: Engine, models: readonly string[], cutoff: string): Promise<Map<string, Record<string, number>>> {
  const inputs = goldInputsAt(engine, cutoff);
  for (const model of models) {
    await engine.materialize('model_scores', `SELECT * FROM bt_scores_${model}`);
    await engine.materialize('client_scores', clientScores(model).sql(inputs));
    await engine.materialize(`bt_call_${model}`, callList.sql(inputs));
  }
  await engine.release('client_scores');
  const lists = models.map((m) => `SELECT ${engine.dialect.literal(m)} AS model, id_client, action, segment_label, priority FROM bt_call_${m}`).join(' UNION ALL ');
  const rows = await engine.query(`WITH segment_value AS (
      SELECT g.segment_label, sum(a.value) AS value FROM bt_segments g JOIN bt_actuals a ON a.id_client = g.id_client GROUP BY g.segment_label
    ),
    listed AS (
      SELECT l.model, l.action, l.segment_label, a.value,
             row_number() OVER (PARTITION BY l.model, l.action ORDER BY l.priority DESC, l.id_client) AS k,
             count(*) OVER (PARTITION BY l.model, l.action) AS n
      FROM (${lists}) l JOIN bt_actuals a ON a.id_client = l.id_client
    )
    SELECT l.model, l.action, count(*) AS clients,
           CAST(coalesce(sum(CASE WHEN l.k <= 0.1 * l.n THEN l.value END), 0) / nullif(max(s.value), 0) AS DOUBLE) AS top10,
           CAST(coalesce(sum(CASE WHEN l.k <= 0.2 * l.n THEN l.value END), 0) / nullif(max(s.value), 0) AS DOUBLE) AS top20,
           CAST(sum(l.value) / nullif(max(s.value), 0) AS DOUBLE) AS listed
    FROM listed l JOIN segment_value s ON s.segment_label = l.segment_label
    GROUP BY l.model, l.action`);
  for (const model of models) await engine.release(`bt_call_${model}`);
  const out = new Map<string, Record<string, number>>(models.map((m) => [m, {}]));
  for (const row of rows) {
    const metrics = out.get(String(row['model']));
    for (const field of ['clients', 'top10', 'top20', 'listed'] as const) {
      const value = row[field];
      if (metrics && typeof value === 'number' && Number.isFinite(value)) metrics[`call_${String(row['action'])}_${field}`] = value;
    }
  }
  return out;
}

/** The metric keys `callListCapture` may give, in the order of the actions (for reports). */
export const CALL_CAPTURE_KEYS = CALL_ACTIONS.flatMap((a) => ['clients', 'top10', 'top20', 'listed'].map((f) => `call_${a}_${f}`));
