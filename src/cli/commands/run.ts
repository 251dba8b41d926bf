import { openEngine } from '../../engines/registry.ts';
import { openLake } from '../../lake/open.ts';
import { openModel } from '../../models/registry.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { progress } from '../progress.ts';
import { printRunSummary } from '../run-summary.ts';

interface RunCommandOptions {
  sources: string;
  lake?: string;
  engine: string;
  asOf?: string;
  runDate?: string;
  model: string;
}

export default async function run(options: RunCommandOptions): Promise<void> {
  const lake = await openLake({ lake: options.lake, sources: options.sources });
  await lake.ensureWritable();
  const model = await openModel(options.model);
  const engine = await openEngine(options.engine);
  try {
    const manifest = await runPipeline({
      engine, lake, model, sources: options.sources, asOf: options.asOf, runDate: options.runDate, log: progress(),
    });
    printRunSummary(manifest);
  } finally {
    await engine.close();
  }
}
