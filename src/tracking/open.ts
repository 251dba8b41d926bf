import { join } from 'node:path';
import { DEFAULTS, env } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import { LocalTracker } from './local.ts';
import { MlflowTracker } from './mlflow.ts';
import type { Tracker } from './tracker.ts';

/** Local runs live in the lake, beside the predictor choice. */
export const LOCAL_RUNS_DIR = '_models/runs';
const PROBE_MS = 2_000;

export interface OpenedTracker {
  tracker: Tracker;
  /** One line for the user: which tracker, and why. */
  why: string;
}

/**
 * MLflow when `MLFLOW_TRACKING_URI` is set (it must answer: the user asked
 * for it), or when the default `http://localhost:5001` answers; otherwise
 * readable files in the lake (`<lake>/_models/runs`).
 */
export async function openTracker(lake: Lake | undefined, options: { uri?: string | undefined } = {}): Promise<OpenedTracker> {
  const configured = options.uri ?? env('MLFLOW_TRACKING_URI');
  if (configured !== undefined) {
    const uri = configured.replace(/\/+$/, '');
    if (!/^https?:\/\//.test(uri)) {
      throw new AppError('BAD_INPUT', `MLFLOW_TRACKING_URI must be an http(s) URL of a tracking server, got ${configured}`);
    }
    if (!(await answers(uri))) throw new AppError('UNAVAILABLE', `MLflow at ${uri} (MLFLOW_TRACKING_URI) did not answer`);
    return { tracker: new MlflowTracker(uri), why: `MLflow at ${uri} (MLFLOW_TRACKING_URI)` };
  }
  if (await answers(DEFAULTS.mlflow)) {
    return { tracker: new MlflowTracker(DEFAULTS.mlflow), why: `MLflow at ${DEFAULTS.mlflow} (answering on the default address)` };
  }
  if (lake === undefined || lake.kind !== 'local') {
    throw new AppError('UNAVAILABLE', `no MLflow server at ${DEFAULTS.mlflow} and local runs need a local lake: set MLFLOW_TRACKING_URI`);
  }
  const dir = join(lake.uri, LOCAL_RUNS_DIR);
  return { tracker: new LocalTracker(dir), why: `local files in ${dir} (no MLflow at ${DEFAULTS.mlflow}; set MLFLOW_TRACKING_URI to use one)` };
}

async function answers(uri: string): Promise<boolean> {
  try {
    return (await fetch(`${uri}/health`, { signal: AbortSignal.timeout(PROBE_MS) })).ok;
  } catch {
    return false;
  }
}
