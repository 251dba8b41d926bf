import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import { chooseModelName, openModel } from '../../models/registry.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { progress } from '../progress.ts';
import { printRunSummary } from '../run-summary.ts';

interface RunCommandOptions {
  sources: string;
  lake?: string;
  engine: string;
  asOf?: string;
  runDate?: string;
  model?: string;
}

export default async function run(options: RunCommandOptions): Promise<void> {
  const lake = await openLake({ lake: options.lake, sources: options.sources });
  await lake.ensureWritable();
  const choice = await chooseModelName(lake, options.model);
  const model = await openModel(choice.name);
  const log = progress();
  // Said only when the lake chose: the flag and the default need no explaining.
  if (choice.source === 'lake') log(`model   ${choice.name} (${choice.why})`);
  const engine = await openEngine(options.engine);
  try {
    const manifest = await runPipeline({
      engine, lake, model, sources: options.sources, asOf: options.asOf, runDate: options.runDate, log,
    });
    printRunSummary(manifest);
  } finally {
    await engine.close();
  }
}
