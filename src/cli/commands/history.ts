import { openLake } from '../../lake/open.ts';
import { checkReportKey, type CheckReport } from '../../pipeline/check/run-checks.ts';

interface HistoryRow {
  run_id: string;
  current: boolean;
  committed_at: string;
  as_of: string | null;
  engine: string | null;
  rows: { bronze: number; silver: number; quarantine: number; gold: number };
  /** The last `check` of that snapshot: passed, failed, or never checked. */
  check: 'passed' | 'failed' | 'unchecked';
  parent: string | null;
}

/** `electrolake history`: the lake's snapshots, current first, back through their parents. */
export default async function history(options: { lake?: string; json?: boolean }): Promise<void> {
  const lake = await openLake({ lake: options.lake });
  const snapshots = await lake.history();
  const rows: HistoryRow[] = [];
  for (const [i, s] of snapshots.entries()) {
    const stages = (s['stages'] ?? {}) as Record<string, Record<string, number> | undefined>;
    const report = await lake.readJson<CheckReport>(checkReportKey(s.run_id)).catch(() => undefined);
    rows.push({
      run_id: s.run_id,
      current: i === 0,
      committed_at: s.committed_at,
      as_of: typeof s['as_of'] === 'string' ? s['as_of'] : null,
      engine: typeof s['engine'] === 'string' ? s['engine'] : null,
      rows: { bronze: total(stages['bronze']), silver: total(stages['silver']), quarantine: total(stages['quarantine']), gold: total(stages['gold']) },
      check: report === undefined ? 'unchecked' : report.ok ? 'passed' : 'failed',
      parent: s.parent,
    });
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write(`no snapshots in ${lake.uri}: run \`electrolake run\` first\n`);
    return;
  }
  process.stdout.write(`${'run_id'.padEnd(24)} ${'committed (UTC)'.padEnd(19)} ${'as_of'.padEnd(10)} ${'engine'.padEnd(6)} ${'bronze rows'.padStart(12)} ${'gold rows'.padStart(10)}  check\n`);
  for (const r of rows) {
    process.stdout.write(
      `${r.run_id.padEnd(24)} ${r.committed_at.slice(0, 19).replace('T', ' ')} ${(r.as_of ?? '?').padEnd(10)} ${(r.engine ?? '?').padEnd(6)} ` +
        `${r.rows.bronze.toLocaleString('en-US').padStart(12)} ${r.rows.gold.toLocaleString('en-US').padStart(10)}  ${r.check}${r.current ? '  ← current' : ''}\n`,
    );
  }
}

function total(counts: Record<string, number> | undefined): number {
  return Object.values(counts ?? {}).reduce((n, v) => n + v, 0);
}
