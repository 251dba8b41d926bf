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
  ingest?: boolean;
}

export default async function bench(options: BenchCommandOptions): Promise<void> {
  if (options.ingest === true) {
    const { benchIngest } = await import('../../bench/ingest-bench.ts');
    const out = options.out === 'data/metrics/benchmark.json' ? 'data/metrics/ingest-benchmark.json' : options.out;
    await writeReport(out, await benchIngest({ scales: options.scale, workDir: options.workDir, log: progress(process.stdout) }));
    return;
  }
  const report = await benchPipeline({
    scales: options.scale, engines: options.engines, workDir: options.workDir, dirty: options.dirty, log: progress(process.stdout),
  });
  await writeReport(options.out, report);
  if (options.lake !== undefined) {
    // The API serves the lake's copy: /benchmark shows this lake's figures.
    const lake = await openLake({ lake: options.lake });
    await lake.writeJson(BENCHMARK_KEY, report);
    process.stdout.write(`wrote ${BENCHMARK_KEY} in ${lake.uri}\n`);
  }
}

async function writeReport(out: string, report: unknown): Promise<void> {
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify(report, null, 2)}\n`);
  await rename(temp, out);
  process.stdout.write(`wrote ${out}\n`);
}
