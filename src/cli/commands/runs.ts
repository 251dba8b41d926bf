import { openLake } from '../../lake/open.ts';
import { openTracker } from '../../tracking/open.ts';
import type { RunRecord } from '../../tracking/tracker.ts';

interface RunsCommandOptions {
  lake?: string;
  experiment?: string;
  limit: number;
  json?: boolean;
}

/** The metrics shown in the listing, when a run has them. */
const SHOWN = ['backtest_auc', 'backtest_brier', 'backtest_value_rel_error', 'backtest_capture_top20', 'bgnbd_log_likelihood'];

export default async function runs(options: RunsCommandOptions): Promise<void> {
  const lake = await openLake({ lake: options.lake });
  const { tracker, why } = await openTracker(lake);
  const list = await tracker.listRuns({ experiment: options.experiment, limit: options.limit });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ tracker: { kind: tracker.kind, location: tracker.location }, runs: list }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`runs from ${why}\n`);
  if (list.length === 0) {
    process.stdout.write('no runs yet: `electrolake train --backtest` records some\n');
    return;
  }
  for (const run of list) process.stdout.write(`${line(run)}\n`);
}

function line(run: RunRecord): string {
  const metrics = SHOWN.filter((k) => run.metrics[k] !== undefined)
    .map((k) => `${k.replace(/^backtest_/, '')} ${Number(run.metrics[k]?.toPrecision(4))}`)
    .join(', ');
  const tags = ['as_of', 'engine', 'scale'].filter((k) => run.tags[k]).map((k) => `${k} ${run.tags[k]}`).join(', ');
  return [
    run.start_time.slice(0, 19).replace('T', ' '),
    run.experiment.padEnd(9),
    run.run_name.padEnd(12),
    run.status.padEnd(8),
    run.run_id,
    tags,
    metrics,
  ].filter(Boolean).join('  ');
}
