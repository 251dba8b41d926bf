import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { benchPipeline } from '../../bench/pipeline-bench.ts';
import { progress } from '../progress.ts';

interface BenchCommandOptions {
  scale: number[];
  engines: string[];
  out: string;
  workDir: string;
  dirty: number;
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
}


