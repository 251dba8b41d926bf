import { AppError } from '../../core/errors.ts';
import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import { CHECK_REPORT_KEY, runChecks, type CheckReport } from '../../pipeline/check/run-checks.ts';

export interface CheckCommandOptions {
  lake?: string | undefined;
  engine: string;
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
  const engine = await openEngine(options.engine);
  try {
    const report = await runChecks(engine, lake);
    await lake.writeJson(CHECK_REPORT_KEY, report).catch(() => {}); // the dashboard's Qualité page reads it
    return report;
  } finally {
    await engine.close();
  }
}
