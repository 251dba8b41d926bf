import { checkLake } from '../../src/cli/commands/check.ts';
import { runLake, type RunCommandOptions } from '../../src/cli/commands/run.ts';
import { AppError } from '../../src/core/errors.ts';
import type { CheckReport } from '../../src/pipeline/check/run-checks.ts';

const FAULT = 'ELECTROLAKE_FAULT_COMMIT_STEP';

/**
 * `electrolake run` in the test process (the code the command runs), with a
 * fault at commit step `step`: the AppError it failed with (undefined on
 * success) and its progress lines. For tests that run the pipeline dozens of
 * times: a child process costs seconds of start-up each (tsx, DuckDB, the
 * AWS SDK), more than a small run itself. The environment is the test
 * process's (set the lake's variables in it first).
 */
export async function runInProcess(options: RunCommandOptions, step = 0): Promise<{ error: AppError | undefined; log: string }> {
  const lines: string[] = [];
  process.env[FAULT] = String(step);
  try {
    await runLake(options, (line) => lines.push(line));
    return { error: undefined, log: lines.join('\n') };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error, log: lines.join('\n') };
  } finally {
    delete process.env[FAULT];
  }
}

/** The fault of commit step `step` fired in this run: thrown before the switch, logged after it. */
export function faultFired(result: { error: AppError | undefined; log: string }, step: number): boolean {
  return `${result.error?.message ?? ''}\n${result.log}`.includes(`injected fault at commit step ${step}`);
}

/** `electrolake check` in the test process: the report (saved in the lake, as the command does). */
export function checkInProcess(lake: string): Promise<CheckReport> {
  return checkLake({ lake });
}
