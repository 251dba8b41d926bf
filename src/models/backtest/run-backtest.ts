import { AppError } from '../../core/errors.ts';
import type { Engine, Row } from '../../engines/engine.ts';
import { clientScores } from '../../pipeline/gold/scores.ts';
import type { ModelFit, ScoringModel } from '../../pipeline/scoring.ts';
import { MODEL_NAMES, openModel } from '../registry.ts';
import { callListCapture } from './call-list-capture.ts';
import { buildClientViews, goldInputsAt, shiftDate } from './client-views.ts';
import { calibrationSql, captureSql, segmentOutcomesSql, summarySql } from './metrics-sql.ts';
import { stopwatch } from '../../core/stopwatch.ts';
import { dateLiteral } from '../../engines/dialect.ts';

/** One model's backtest: what it fitted at the cutoff and how its scores compared with the next 12 months. */
export interface ModelBacktest {
  model: string;
  fit: ModelFit;
  /** clients, buyers, auc, brier, log_loss, mean_prob, observed_rate, predicted/realised value, errors, capture_top10/20, call_<action>_*. */
  metrics: Record<string, number>;
  calibration: { decile: number; clients: number; mean_prob: number; observed_rate: number; predicted_value: number; realised_value: number }[];
}

export interface BacktestResult {
  asOf: string;
  /** as_of − 365 days: the models see history up to this day. */
  cutoff: string;
  models: ModelBacktest[];
  /** Per advisor segment at the cutoff: clients, observed_rate, realised_value, mean_prob_<model>. */
  segments: Row[];
  seconds: number;
}

export const BACKTEST_DAYS = 365;
const EVAL = 'bt_eval';

/**
 * Fits every model on the history up to `asOf − 365 days`, scores the
 * clients known then, and compares with what each did in the following 365
 * days (purchases in (cutoff, asOf]). Needs the silver views registered;
 * leaves `fact_achats`, `dim_clients` and `client_features` at the cutoff.
 */
export interface BacktestOptions {
  log?: (line: string) => void;
  /** The models to compare, by name (letters, digits, `_`); default: every predictor of the registry. */
  candidates?: Readonly<Record<string, () => Promise<ScoringModel>>>;
}

const PREDICTORS: Readonly<Record<string, () => Promise<ScoringModel>>> = Object.fromEntries(MODEL_NAMES.map((name) => [name, () => openModel(name)]));

export async function runBacktest(engine: Engine, asOf: string, options: BacktestOptions = {}): Promise<BacktestResult> {
  const log = options.log ?? (() => {});
  const candidates = options.candidates ?? PREDICTORS;
  const names = Object.keys(candidates);
  if (names.length === 0 || names.some((n) => !/^\w+$/.test(n))) throw new AppError('INTERNAL', `bad backtest model names: ${names.join(', ')}`);
  const watch = stopwatch();
  const d = engine.dialect;
  const cutoff = shiftDate(asOf, -BACKTEST_DAYS);
  await buildClientViews(engine, cutoff);
  const [population] = await engine.query('SELECT count(*) AS n, count(CASE WHEN total_orders_all > 0 THEN 1 END) AS buyers FROM client_features');
  if (Number(population?.['n'] ?? 0) === 0) {
    throw new AppError('BAD_INPUT', `no client registered by ${cutoff} (as_of − ${BACKTEST_DAYS} days): the history is too short for a backtest`);
  }

  const fits = new Map<string, ModelFit>();
  for (const [name, create] of Object.entries(candidates)) {
    const model = await create();
    const { sql, fit } = await model.scoresSql({ engine, asOf: cutoff });
    await engine.materialize(`bt_scores_${name}`, sql);
    fits.set(name, fit);
    log(`backtest ${name}: scored ${String(population?.['n'])} clients as of ${cutoff}${fit.fallback ? ` (fell back: ${fit.fallback.reason})` : ''}`);
  }

  // The advisor's segments at the cutoff, by the pipeline's own SQL (they do not depend on the scores).
  await engine.materialize('model_scores', `SELECT * FROM bt_scores_${names[0]}`);
  await engine.materialize('bt_segments', `SELECT id_client, segment_label FROM (${clientScores('backtest').sql(goldInputsAt(engine, cutoff))}) s`);
  await engine.materialize('bt_actuals', `SELECT f.id_client,
        CASE WHEN a.id_client IS NULL THEN 0 ELSE 1 END AS y, CAST(coalesce(a.value, 0) AS DOUBLE) AS value
      FROM client_features f LEFT JOIN (
        SELECT id_client, sum(montant) AS value FROM fact_achats
        WHERE date_achat > ${dateLiteral(d, cutoff)} AND date_achat <= ${dateLiteral(d, asOf)} GROUP BY id_client
      ) a ON a.id_client = f.id_client`);
  await engine.materialize(EVAL, names.map((name) => `SELECT ${d.literal(name)} AS model, s.id_client,
        s.prob_reachat_12m AS p, s.expected_value_12m AS ev, a.y, a.value, g.segment_label
      FROM bt_scores_${name} s JOIN bt_actuals a ON a.id_client = s.id_client JOIN bt_segments g ON g.id_client = s.id_client`).join(' UNION ALL '));

  log(`backtest outcomes joined (${watch.text()})`);
  const summary = byModel(await engine.query(summarySql(EVAL)));
  const capture = byModel(await engine.query(captureSql(EVAL)));
  const calibration = await engine.query(calibrationSql(EVAL));
  const callCapture = await callListCapture(engine, names, cutoff);
  const models: ModelBacktest[] = names.map((name) => ({
    model: name,
    fit: fits.get(name) as ModelFit,
    metrics: numbers({ ...summary.get(name), ...capture.get(name), ...callCapture.get(name) }),
    calibration: calibration
      .filter((r) => r['model'] === name)
      .map((r) => ({
        decile: Number(r['decile']),
        clients: Number(r['clients']),
        mean_prob: Number(r['mean_prob']),
        observed_rate: Number(r['observed_rate']),
        predicted_value: Number(r['predicted_value']),
        realised_value: Number(r['realised_value']),
      })),
  }));
  const segments = await engine.query(segmentOutcomesSql(d, EVAL, names));
  log(`backtest metrics computed (${watch.text()})`);
  return { asOf, cutoff, models, segments, seconds: watch.seconds() };
}

function byModel(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [String(r['model']), r]));
}

/** The numeric fields of a row (a metric that is undefined, e.g. AUC without buyers, is left out rather than NaN). */
function numbers(row: Row): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
