/**
 * Where training runs are recorded (README.md, "Architecture": the `Tracker` seam):
 * an MLflow tracking server through its REST API (`mlflow.ts`), or readable
 * JSON files in the lake when there is none (`local.ts`). `open.ts` picks one.
 * Runs live in experiments: `predictor` (scoring models) and `advisor`
 * (segments and contact list).
 */
export const EXPERIMENTS = ['predictor', 'advisor'] as const;

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED';

/** A run as `listRuns` returns it: the same shape from MLflow and from local files. */
export interface RunRecord {
  run_id: string;
  experiment: string;
  run_name: string;
  status: RunStatus;
  /** ISO-8601. */
  start_time: string;
  end_time: string | null;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

export interface Tracker {
  readonly kind: 'mlflow' | 'local';
  /** The server URI or the local directory, for messages. */
  readonly location: string;

  /** Starts a run in `experiment` (created if missing) and returns its id. */
  startRun(experiment: string, runName: string): Promise<string>;
  logParams(runId: string, params: Record<string, string | number>): Promise<void>;
  /** Only finite numbers are recorded; the others are dropped (NaN is never a metric). */
  logMetrics(runId: string, metrics: Record<string, number>): Promise<void>;
  setTags(runId: string, tags: Record<string, string>): Promise<void>;
  /** Stores a file with the run; `path` is relative (`model/params.json`). */
  logArtifact(runId: string, path: string, content: string | Uint8Array): Promise<void>;
  endRun(runId: string, status?: Exclude<RunStatus, 'RUNNING'>): Promise<void>;

  /** Most recent runs first, in one experiment or in all of EXPERIMENTS. */
  listRuns(options?: { experiment?: string | undefined; limit?: number | undefined }): Promise<RunRecord[]>;
  /** Relative paths of a run's artifacts. */
  listArtifacts(runId: string): Promise<string[]>;
  readArtifact(runId: string, path: string): Promise<Uint8Array>;
}

/** Keeps the finite metrics (MLflow and JSON both reject or mangle NaN and Infinity). */
export function finiteMetrics(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
}
