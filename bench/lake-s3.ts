/**
 * Run time of the pipeline on an S3 lake against a local lake, per engine
 * (docs/lake-s3.md, "Speed"). One run of each, side by side, on the same
 * generated sources: the ratio S3/local, with the upload of the sources
 * (`lake init`) and the `check` after each run timed on their own.
 *
 * Usage (S3 endpoint and credentials from the AWS variables):
 *   AWS_ENDPOINT_URL=http://127.0.0.1:9000 AWS_ACCESS_KEY_ID=minioadmin AWS_SECRET_ACCESS_KEY=minioadmin \
 *     npx tsx bench/lake-s3.ts [--scale 10] [--engines duckdb,spark] [--lake s3://electrolake-bench/s10]
 * Writes data/metrics/lake-s3-benchmark.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from '../src/bench/machine.ts';
import { generateSources } from '../src/generate/generate.ts';
import { openLake } from '../src/lake/open.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../src/pipeline/manifest.ts';
import { stopwatch } from '../src/core/stopwatch.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    engines: { type: 'string', default: 'duckdb,spark' },
    lake: { type: 'string' },
    'work-dir': { type: 'string', default: '.cache/bench-s3' },
    out: { type: 'string', default: 'data/metrics/lake-s3-benchmark.json' },
  },
});
const scale = Number(values.scale);
const engines = values.engines.split(',');
const workDir = resolve(values['work-dir']);
const s3Lake = values.lake ?? `s3://electrolake-bench/s${scale}`;
const BIN = resolve(import.meta.dirname, '../bin/electrolake.mjs');

/** Runs the CLI and returns its wall time; any failure stops the bench with the CLI's own message. */
function electrolake(args: string[]): number {
  const watch = stopwatch();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`electrolake ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
  return watch.seconds();
}

const round = (x: number) => Math.round(x * 100) / 100;
const sources = join(workDir, `sources-s${scale}`);
mkdirSync(workDir, { recursive: true });
const generated = await generateSources({ scale, seed: 42, dirty: 0.02, out: sources });
process.stderr.write(`scale ${scale}: ${generated.achatRows.toLocaleString('en')} purchase rows in ${sources}\n`);
const initSeconds = electrolake(['lake', 'init', '--lake', s3Lake, '--sources', sources]);
process.stderr.write(`lake init (buckets + upload of the sources) to ${s3Lake}: ${initSeconds.toFixed(2)}s\n`);

const results: Record<string, unknown>[] = [];
for (const engine of engines) {
  const localLake = join(workDir, `lake-${engine}-s${scale}`);
  rmSync(localLake, { recursive: true, force: true });
  for (const [kind, lake] of [['local', localLake], ['s3', s3Lake]] as const) {
    const runArgs = ['run', '--engine', engine, '--lake', lake, ...(kind === 'local' ? ['--sources', sources] : [])];
    const wall = electrolake(runArgs);
    const checkWall = electrolake(['check', '--lake', lake]);
    const manifest = (await (await openLake({ lake })).readJson<RunManifest>(LATEST_RUN_KEY)) as RunManifest;
    const row = { engine, lake: kind, ...manifest.timings_s, run_wall: round(wall), check_wall: round(checkWall), load_1m: round(loadavg()[0] ?? 0) };
    results.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
}

const ratios = engines.map((engine) => {
  const [local, s3] = ['local', 's3'].map((kind) => results.find((r) => r['engine'] === engine && r['lake'] === kind));
  return { engine, s3_over_local_total: round(Number(s3?.['total']) / Number(local?.['total'])) };
});
const report = { generated_at: new Date().toISOString(), machine: machineInfo(), scale, s3_lake: s3Lake, lake_init_s: round(initSeconds), results, ratios };
mkdirSync(resolve(values.out, '..'), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);

process.stdout.write(`\n| engine | lake | bronze | silver | gold | commit | total (run) | process wall | check wall |\n|---|---|---|---|---|---|---|---|---|\n`);
for (const r of results) {
  process.stdout.write(`| ${r['engine']} | ${r['lake']} | ${r['bronze']} | ${r['silver']} | ${r['gold']} | ${r['commit']} | ${r['total']} | ${r['run_wall']} | ${r['check_wall']} |\n`);
}
for (const r of ratios) process.stdout.write(`${r.engine}: S3/local = ${r.s3_over_local_total}\n`);
process.stdout.write(`wrote ${values.out}\n`);
