import { AppError, toAppError } from '../../core/errors.ts';
import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import { CHECK_REPORT_KEY, checkReportKey, runChecks, type CheckReport } from '../../pipeline/check/run-checks.ts';

export interface CheckCommandOptions {
  lake?: string | undefined;
  engine?: string | undefined;
  /** A past snapshot's run id (`--at`); default: the current one. */
  at?: string | undefined;
  json?: boolean;
}

export default async function check(options: CheckCommandOptions): Promise<void> {
  const report = await checkLake(options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const r of report.results) {
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${r.name}${!r.ok && r.detail ? ` — ${r.detail}` : ''}\n`);
    }
    process.stdout.write(`${report.passed} passed, ${report.failed} failed (run ${report.run_id}, lake ${report.lake})\n`);
  }
  if (!report.ok) throw new AppError('CHECK_FAILED', `${report.failed} check(s) failed`);
}

/** Runs every check and saves the report in the lake; `electrolake demo` checks through it too. */
export async function checkLake(options: CheckCommandOptions): Promise<CheckReport> {
  const lake = await openLake({ lake: options.lake });
  // One snapshot, read once: a run committing meanwhile does not mix into the report.
  const snapshot = await lake.at(options.at);
  const engine = await openEngine(options.engine);
  try {
    const report = await runChecks(engine, snapshot);
    // The dashboard's Qualité page reads the latest report; `history` reads each snapshot's.
    const saved = await Promise.all([CHECK_REPORT_KEY, checkReportKey(report.run_id)].map((key) =>
      lake.writeJson(key, report).then(() => undefined, (error: unknown) => toAppError(error).message)));
    const unsaved = saved.find((message) => message !== undefined);
    if (unsaved !== undefined) process.stderr.write(`electrolake: could not save the check report: ${unsaved}\n`);
    return report;
  } finally {
    await engine.close();
  }
}
