import type { Lake } from '../../lake/lake.ts';
import { runKey } from '../../pipeline/manifest.ts';

/**
 * What only the end of a run knows. `_runs/latest.json` is the snapshot's
 * manifest, written by the commit itself, so before the run ended: its
 * `finished_at` is empty, its `timings_s` lack `commit` and `total`, its
 * `peak_rss_mb` is 0. The run's record (`_runs/<run_id>.json`), written
 * right after the commit, has them.
 */
const END_OF_RUN = ['finished_at', 'timings_s', 'peak_rss_mb'] as const;

/**
 * The snapshot's manifest completed by its run's record. Without a record
 * (lost, or a lake from before records) the snapshot is served as it is and
 * the dashboard says what was not recorded; a record that cannot be read
 * does not fail the answer either, the snapshot alone is still right.
 */
export async function withRunRecord(lake: Lake, snapshot: Record<string, unknown>): Promise<Record<string, unknown>> {
  const runId = snapshot['run_id'];
  if (typeof runId !== 'string') return snapshot;
  const record = await lake.readJson<Record<string, unknown>>(runKey(runId)).catch(() => undefined);
  if (record?.['run_id'] !== runId) return snapshot;
  const ended = END_OF_RUN.filter((key) => record[key] !== undefined).map((key) => [key, record[key]] as const);
  return { ...snapshot, ...Object.fromEntries(ended) };
}
