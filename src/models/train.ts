import { AppError } from '../core/errors.ts';
import type { Engine, Row } from '../engines/engine.ts';
import type { Lake } from '../lake/lake.ts';
import { clientScores } from '../pipeline/gold/scores.ts';
import { SEGMENTS } from '../pipeline/gold/segments.ts';
import { LATEST_RUN_KEY } from '../pipeline/manifest.ts';
import { codeVersion } from '../tracking/code-version.ts';
import type { Tracker } from '../tracking/tracker.ts';
import { calibrationSvg } from './backtest/calibration-plot.ts';
import { buildClientViews, goldInputsAt, registerSilver } from './backtest/client-views.ts';
import { CALL_CAPTURE_KEYS } from './backtest/call-list-capture.ts';
import { backtestCsv, calibrationCsv, rowsCsv } from './backtest/report.ts';
import { runBacktest, type BacktestResult } from './backtest/run-backtest.ts';
import type { ModelFit } from '../pipeline/scoring.ts';
import { openModel, recordPredictor, type ModelName, type PredictorChoice } from './registry.ts';
import { stopwatch } from '../core/stopwatch.ts';

export interface TrainOptions {
  engine: Engine;
  lake: Lake;
  model: ModelName;
  backtest: boolean;
  /** Default: the `as_of` of the lake's last run. */
  asOf?: string | undefined;
  tracker: Tracker;
  log?: (line: string) => void;
}

export interface TrainResult {
  asOf: string;
  fit: ModelFit;
  clients: number;
  backtest?: BacktestResult;
  /** Tracked runs: experiment, model (predictor runs), id. */
  runs: { experiment: string; name: string; runId: string }[];
  choice: PredictorChoice;
}

/** How many clients of the advisor's contact list go into the run as an artifact. */
const CONTACT_LIST_ARTIFACT_ROWS = 100;

/**
 * `electrolake train`: fits the chosen predictor on the lake's silver
 * history up to `as_of`, optionally backtests both models (fit at
 * as_of − 365 days, compare with the next 12 months), records `predictor`
 * and `advisor` runs in the tracker, and records the choice in the lake so
 * `electrolake run` scores with it.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { engine, lake, tracker } = options;
  const log = options.log ?? (() => {});
  await registerSilver(engine, lake);
  const asOf = options.asOf ?? (await defaultAsOf(engine, lake));

  const backtest = options.backtest ? await runBacktest(engine, asOf, { log }) : undefined;

  let t = stopwatch();
  await buildClientViews(engine, asOf);
  log(`train   client views as of ${asOf} (${t.text()})`);
  t = stopwatch();
  const model = await openModel(options.model);
  const { sql, label, fit } = await model.scoresSql({ engine, asOf });
  await engine.materialize('model_scores', sql);
  await engine.materialize('train_client_scores', clientScores(label).sql(goldInputsAt(engine, asOf)));
  const clients = Number((await engine.query('SELECT count(*) AS n FROM train_client_scores'))[0]?.['n'] ?? 0);
  log(`train   ${options.model} fitted on ${clients.toLocaleString('en')} clients as of ${asOf} (${t.text()})${fit.fallback ? `; fell back to ${fit.scoredBy}: ${fit.fallback.message}` : ''}`);

  const tags = {
    engine: await engine.version(),
    as_of: asOf,
    scale: String(clients),
    code_version: await codeVersion(),
    lake: lake.uri,
  };
  const runs: TrainResult['runs'] = [];
  const track = async (experiment: string, name: string, body: (runId: string) => Promise<void>): Promise<string> => {
    const runId = await tracker.startRun(experiment, name);
    runs.push({ experiment, name, runId });
    try {
      await tracker.setTags(runId, tags);
      await body(runId);
      await tracker.endRun(runId, 'FINISHED');
    } catch (error) {
      await tracker.endRun(runId, 'FAILED').catch(() => {});
      throw error;
    }
    return runId;
  };

  // predictor: the chosen model, fitted at as_of, with its backtest if any.
  const chosen = backtest?.models.find((m) => m.model === options.model);
  const chosenRunId = await track('predictor', options.model, async (runId) => {
    await tracker.setTags(runId, { model: options.model, scored_by: fit.scoredBy, chosen: 'true', ...fallbackTags(fit) });
    await tracker.logParams(runId, { model: options.model, ...fit.params, ...(backtest ? { backtest_cutoff: backtest.cutoff } : {}) });
    await tracker.logMetrics(runId, { clients, ...fit.metrics, ...prefixed('backtest_', chosen?.metrics ?? {}) });
    await tracker.logArtifact(runId, 'model/params.json', json({ as_of: asOf, model: options.model, ...fit, backtest_fit: chosen?.fit }));
    if (backtest) await logBacktestArtifacts(tracker, runId, backtest);
  });
  // predictor: every other backtested model, for the side-by-side comparison.
  for (const other of backtest?.models.filter((m) => m.model !== options.model) ?? []) {
    await track('predictor', other.model, async (runId) => {
      await tracker.setTags(runId, { model: other.model, scored_by: other.fit.scoredBy, chosen: 'false', ...fallbackTags(other.fit) });
      await tracker.logParams(runId, { model: other.model, ...other.fit.params, backtest_cutoff: backtest?.cutoff ?? '' });
      await tracker.logMetrics(runId, { ...other.fit.metrics, ...prefixed('backtest_', other.metrics) });
      await tracker.logArtifact(runId, 'model/params.json', json({ as_of: backtest?.cutoff, model: other.model, ...other.fit }));
      if (backtest) await logBacktestArtifacts(tracker, runId, backtest);
    });
  }
  // advisor: segments and the contact list ranked by the chosen predictor's expected value.
  await track('advisor', `contact list by ${options.model}`, async (runId) => {
    const segments = await engine.query(`SELECT segment_label, count(*) AS clients, CAST(sum(expected_value_12m) AS DOUBLE) AS expected_value_12m,
        CAST(sum(value_at_risk_12m) AS DOUBLE) AS value_at_risk_12m FROM train_client_scores GROUP BY segment_label ORDER BY segment_label`);
    await tracker.setTags(runId, { predictor: options.model, predictor_run_id: chosenRunId });
    await tracker.logParams(runId, {
      ranking: `expected_value_12m desc (${options.model})`,
      ...Object.fromEntries(SEGMENTS.map((s) => [`rule ${s.label}`, s.rule])),
    });
    await tracker.logMetrics(runId, {
      ...Object.fromEntries(segments.map((s) => [`clients ${String(s['segment_label'])}`, Number(s['clients'])])),
      ...advisorBacktestMetrics(backtest, options.model),
    });
    await tracker.logArtifact(runId, 'segments.csv', rowsCsv(segments));
    await tracker.logArtifact(runId, `contact_list_top${CONTACT_LIST_ARTIFACT_ROWS}.csv`, rowsCsv(await contactList(engine)));
    if (backtest) await tracker.logArtifact(runId, 'backtest/segments.csv', rowsCsv(backtest.segments));
  });

  const choice: PredictorChoice = {
    model: options.model,
    trained_at: new Date().toISOString(),
    as_of: asOf,
    engine: engine.name,
    tracker: `${tracker.kind} ${tracker.location}`,
    run_id: chosenRunId,
    scored_by: fit.scoredBy,
    params: { ...fit.params },
  };
  await recordPredictor(lake, choice);
  return { asOf, fit, clients, ...(backtest ? { backtest } : {}), runs, choice };
}

async function logBacktestArtifacts(tracker: Tracker, runId: string, backtest: BacktestResult): Promise<void> {
  await tracker.logArtifact(runId, 'backtest/table.csv', backtestCsv(backtest));
  await tracker.logArtifact(runId, 'backtest/calibration.csv', calibrationCsv(backtest));
  await tracker.logArtifact(runId, 'backtest/calibration.svg', await calibrationSvg(backtest));
}

/** Capture of the top 10 / 20 % (whole contact list, and the call list per action) for every model (the chosen one unprefixed) and the segments' observed rates. */
function advisorBacktestMetrics(backtest: BacktestResult | undefined, chosen: string): Record<string, number> {
  if (backtest === undefined) return {};
  const out: Record<string, number> = {};
  for (const m of backtest.models) {
    const prefix = m.model === chosen ? 'backtest_' : `backtest_${m.model}_`;
    for (const key of ['capture_top10', 'capture_top20', ...CALL_CAPTURE_KEYS]) {
      const value = m.metrics[key];
      if (value !== undefined) out[`${prefix}${key}`] = value;
    }
  }
  for (const s of backtest.segments) out[`backtest_observed_rate ${String(s['segment_label'])}`] = Number(s['observed_rate']);
  return out;
}

/** The head of the contact list: who to call first, by expected 12-month value. */
async function contactList(engine: Engine): Promise<Row[]> {
  return engine.query(`SELECT row_number() OVER (ORDER BY expected_value_12m DESC, id_client) AS rank, id_client, segment_label,
      prob_reachat_12m, expected_value_12m, value_at_risk_12m
    FROM train_client_scores ORDER BY expected_value_12m DESC, id_client LIMIT ${CONTACT_LIST_ARTIFACT_ROWS}`);
}

async function defaultAsOf(engine: Engine, lake: Lake): Promise<string> {
  const manifest = await lake.readJson<{ as_of?: string | null }>(LATEST_RUN_KEY);
  if (manifest?.as_of) return manifest.as_of;
  const [row] = await engine.query('SELECT max(date_achat) AS d FROM silver_achats');
  const day = row?.['d'];
  if (typeof day !== 'string') throw new AppError('BAD_INPUT', 'no valid purchase in the lake: cannot choose as_of (give --as-of YYYY-MM-DD)');
  return day;
}

function fallbackTags(fit: ModelFit): Record<string, string> {
  return fit.fallback ? { fallback_reason: fit.fallback.reason, fallback_message: fit.fallback.message } : {};
}

function prefixed(prefix: string, metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${prefix}${k}`, v]));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
