import { fileURLToPath } from 'node:url';
import { settings } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import { openLake } from '../lake/open.ts';
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

export interface TrackerOptions {
  /** Overrides `MLFLOW_TRACKING_URI`. */
  uri?: string | undefined;
  /** The server tried when no URI is configured (default `http://127.0.0.1:5001`). */
  defaultUri?: string | undefined;
}

/**
 * `MLFLOW_TRACKING_URI` decides, as for MLflow's own clients: an http(s)
 * URL is a tracking server (it must answer: the user asked for it), a
 * `file:` URI or a plain path is a directory of local runs. Unset: MLflow
 * when the default `http://127.0.0.1:5001` answers, else local runs in the
 * lake (`<lake>/_models/runs`).
 */
export async function openTracker(lake: Lake | undefined, options: TrackerOptions = {}): Promise<OpenedTracker> {
  const configured = settings({ mlflowTrackingUri: options.uri }).mlflowTrackingUri;
  if (configured !== undefined) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(configured) || configured.startsWith('file:')) {
      const dir = configured.startsWith('file:') ? fileURLToPath(configured) : configured;
      // A directory of runs is a local lake whose documents are the runs.
      const tracker = new LocalTracker(await openLake({ lake: dir }), '.');
      return { tracker, why: `local files in ${dir} (MLFLOW_TRACKING_URI)` };
    }
    const uri = configured.replace(/\/+$/, '');
    if (!/^https?:\/\//.test(uri)) {
      throw new AppError('BAD_INPUT', `MLFLOW_TRACKING_URI must be an http(s) URL, a file: URI or a directory, got ${configured}`);
    }
    if (!(await answers(uri))) throw new AppError('UNAVAILABLE', `MLflow at ${uri} (MLFLOW_TRACKING_URI) did not answer`);
    return { tracker: new MlflowTracker(uri), why: `MLflow at ${uri} (MLFLOW_TRACKING_URI)` };
  }
  const fallbackUri = options.defaultUri ?? settings().mlflowDefaultUri;
  if (await answers(fallbackUri)) {
    return { tracker: new MlflowTracker(fallbackUri), why: `MLflow at ${fallbackUri} (answering on the default address)` };
  }
  if (lake === undefined) {
    throw new AppError('UNAVAILABLE', `no MLflow server at ${fallbackUri} and no lake to keep runs in: set MLFLOW_TRACKING_URI to a server or to a directory (file:///…)`);
  }
  const tracker = new LocalTracker(lake, LOCAL_RUNS_DIR);
  return { tracker, why: `runs in the lake, ${tracker.location} (no MLflow at ${fallbackUri}; set MLFLOW_TRACKING_URI to use one)` };
}

async function answers(uri: string): Promise<boolean> {
  try {
    return (await fetch(`${uri}/health`, { signal: AbortSignal.timeout(PROBE_MS) })).ok;
  } catch {
    return false;
  }
}
