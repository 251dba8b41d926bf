import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import { backtestTable } from '../../models/backtest/report.ts';
import { PREDICTOR_KEY, type ModelName } from '../../models/registry.ts';
import { train, type TrainResult } from '../../models/train.ts';
import { openTracker } from '../../tracking/open.ts';
import type { Tracker } from '../../tracking/tracker.ts';
import { progress } from '../progress.ts';

export interface TrainCommandOptions {
  lake?: string | undefined;
  engine?: string | undefined;
  model: ModelName;
  backtest?: boolean;
  asOf?: string;
}

export default async function trainCommand(options: TrainCommandOptions): Promise<void> {
  const { result, tracker, lakeUri, engineName } = await trainPredictor(options, progress());
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`${options.model} trained as of ${result.asOf} on ${result.clients.toLocaleString('en')} clients (engine ${engineName})`);
  if (result.fit.fallback) out(`  fell back to ${result.fit.scoredBy}: ${result.fit.fallback.message}`);
  out(`  parameters: ${Object.entries(result.fit.params).map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(5)) : v}`).join(', ')}`);
  if (result.backtest) {
    out();
    out(backtestTable(result.backtest));
    out();
  }
  for (const run of result.runs) out(`run ${run.experiment}/${run.name}: ${run.runId}`);
  out(`tracked in ${tracker.kind === 'mlflow' ? 'MLflow' : 'local files'} at ${tracker.location}`);
  out(`predictor ${options.model} recorded in ${lakeUri}/${PREDICTOR_KEY}: \`electrolake run\` now scores with it`);
}

/** Fits, tracks and records the predictor; `electrolake demo` trains through it too. */
export async function trainPredictor(
  options: TrainCommandOptions,
  log: (line: string) => void,
): Promise<{ result: TrainResult; tracker: Tracker; lakeUri: string; engineName: string }> {
  const lake = await openLake({ lake: options.lake });
  await lake.ensureWritable();
  const { tracker, why } = await openTracker(lake);
  log(`tracking: ${why}`);
  const engine = await openEngine(options.engine);
  try {
    const result = await train({ engine, lake, tracker, model: options.model, backtest: options.backtest ?? false, asOf: options.asOf, log });
    return { result, tracker, lakeUri: lake.uri, engineName: engine.name };
  } finally {
    await engine.close();
  }
}
