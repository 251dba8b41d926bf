import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { benchPipeline } from '../../bench/pipeline-bench.ts';
import { BENCHMARK_KEY } from '../../lake/layout.ts';
import { openLake } from '../../lake/open.ts';
import { progress } from '../progress.ts';

interface BenchCommandOptions {
  scale: number[];
  engines: string[];
  out: string;
  workDir: string;
  dirty: number;
  lake?: string;
}

export default async function bench(options: BenchCommandOptions): Promise<void> {
  const report = await benchPipeline({
    scales: options.scale, engines: options.engines, workDir: options.workDir, dirty: options.dirty, log: progress(process.stdout),
  });
  await mkdir(dirname(options.out), { recursive: true });
  const temp = `${options.out}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
  await rename(temp, options.out);
  process.stdout.write(`wrote ${options.out}\n`);
  if (options.lake !== undefined) {
    // The API serves the lake's copy: /benchmark shows this lake's figures.
    const lake = await openLake({ lake: options.lake });
    await lake.writeJson(BENCHMARK_KEY, report);
    process.stdout.write(`wrote ${BENCHMARK_KEY} in ${lake.uri}\n`);
  }
}


