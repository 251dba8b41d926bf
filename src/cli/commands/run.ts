import { settings } from '../../core/config.ts';
import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import type { RunManifest } from '../../pipeline/manifest.ts';
import { chooseModelName, openModel } from '../../models/registry.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { progress } from '../progress.ts';
import { printRunSummary } from '../run-summary.ts';

export interface RunCommandOptions {
  sources?: string | undefined;
  lake?: string | undefined;
  engine?: string | undefined;
  asOf?: string;
  runDate?: string;
  model?: string | undefined;
  profile?: boolean | undefined;
  /** Seconds to wait for another writer's lock (default 0: fail at once). */
  wait?: number | undefined;
}

export default async function run(options: RunCommandOptions): Promise<void> {
  printRunSummary(await runLake(options, progress()));
}

/** Runs bronze → silver → gold with the chosen model; `electrolake demo` runs through it too. */
export async function runLake(options: RunCommandOptions, log: (line: string) => void): Promise<RunManifest> {
  const lake = await openLake({ lake: options.lake, sources: options.sources });
  await lake.ensureWritable();
  // One writer per lake: a second run fails at once naming the first (or waits --wait seconds).
  const lock = await lake.lock({ waitSeconds: options.wait ?? 0, command: 'run', log });
  try {
    const choice = await chooseModelName(lake, options.model);
    const model = await openModel(choice.name);
    // Said only when the lake chose: the flag and the default need no explaining.
    if (choice.source === 'lake') log(`model   ${choice.name} (${choice.why})`);
    const engine = await openEngine(options.engine);
    try {
      return await runPipeline({
        engine, lake, model, asOf: options.asOf, runDate: options.runDate, log,
        profile: options.profile === true || settings().debug ? log : undefined,
      });
    } finally {
      await engine.close();
    }
  } finally {
    await lock.release();
  }
}
