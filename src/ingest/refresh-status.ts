import type { Lake } from '../lake/lake.ts';

export const REFRESH_STEPS = ['ingest', 'run', 'check', 'publish'] as const;
export type RefreshStep = (typeof REFRESH_STEPS)[number];

/**
 * The last refresh attempt, `_refresh/status.json` in the lake: what
 * `/health` and the dashboard's top bar say (when the data was last
 * refreshed, and whether the last attempt failed).
 */
export interface RefreshStatus {
  status: 'succeeded' | 'failed';
  /** The step that failed (null on success). */
  step: RefreshStep | null;
  message: string;
  /** The run of this attempt, when it got that far. */
  run_id: string | null;
  started_at: string;
  finished_at: string;
  /** The last refresh that went through every step (this one on success). */
  last_success_at: string | null;
  last_success_run_id: string | null;
  counts: { files: number; rows: number; purchases: number | null; updated: number | null };
  /** Seconds per step that ran. */
  timings_s?: Partial<Record<RefreshStep, number>>;
}

export const REFRESH_STATUS_KEY = '_refresh/status.json';

export function readRefreshStatus(lake: Lake): Promise<RefreshStatus | undefined> {
  return lake.readJson<RefreshStatus>(REFRESH_STATUS_KEY);
}

/** What `/health` says of refreshes: no message (it may name folders), only when and whether. */
export interface RefreshHealth {
  last_success_at: string | null;
  last_attempt_at: string;
  last_attempt_failed: boolean;
  failed_step: RefreshStep | null;
}

/** The refresh part of `/health`; null when the lake has never been refreshed (or cannot be read: /health answers about the store). */
export async function refreshHealth(lake: Lake | undefined): Promise<RefreshHealth | null> {
  const status = lake === undefined ? undefined : await readRefreshStatus(lake).catch(() => undefined);
  if (status === undefined) return null;
  return {
    last_success_at: status.last_success_at,
    last_attempt_at: status.finished_at,
    last_attempt_failed: status.status === 'failed',
    failed_step: status.step,
  };
}
