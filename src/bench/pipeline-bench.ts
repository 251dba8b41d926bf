import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, firstLine } from '../core/errors.ts';
import { generateSources } from '../generate/generate.ts';
import type { RunManifest } from '../pipeline/manifest.ts';
import { machineInfo } from './machine.ts';

export interface BenchOptions {
  scales: number[];
  engines: string[];
  workDir: string;
  dirty: number;
  log: (line: string) => void;
}

export interface BenchResult {
  engine: string;
  engine_version: string;
  scale: number;
  stage: string;
  seconds: number;
  rows: number;
  peak_rss_mb: number;
}

export interface BenchReport {
  generated_at: string;
  machine: Record<string, string | number>;
  generation: { scale: number; seconds: number; clients: number; achats: number }[];
  results: BenchResult[];
}

const BIN = resolve(import.meta.dirname, '../../bin/electrolake.mjs');

/**
 * Runs each engine on the same generated sources at each scale. Every run is
 * its own `electrolake run` process, so its peak memory is its own, and the
 * engines are measured side by side in one session (the machine is noisy).
 */
export async function benchPipeline(options: BenchOptions): Promise<BenchReport> {
  const report: BenchReport = { generated_at: new Date().toISOString(), machine: machineInfo(), generation: [], results: [] };
  for (const scale of options.scales) {
    const sources = join(options.workDir, `sources-s${scale}`);
    const start = performance.now();
    const summary = await generateSources({ scale, seed: 42, dirty: options.dirty, out: sources });
    const seconds = (performance.now() - start) / 1000;
    report.generation.push({ scale, seconds: round(seconds), clients: summary.clients, achats: summary.achats });
    options.log(`scale ${scale}: generated ${summary.achatRows.toLocaleString('en')} purchase rows in ${seconds.toFixed(1)}s`);

    for (const engine of options.engines) {
      const lake = join(options.workDir, `lake-${engine}-s${scale}`);
      rmSync(lake, { recursive: true, force: true });
      const run = spawnSync(process.execPath, [BIN, 'run', '--engine', engine, '--sources', sources, '--lake', lake], {
        encoding: 'utf8',
        env: process.env,
      });
      if (run.status !== 0) {
        throw new AppError('ENGINE', `bench: ${engine} at scale ${scale} failed: ${firstLine(run.stderr || run.stdout)}`);
      }
      const manifest = JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as RunManifest;
      const rows: Record<string, number> = {
        bronze: sum(manifest.stages.bronze),
        silver: sum(manifest.stages.silver) + sum(manifest.stages.quarantine),
        gold: sum(manifest.stages.gold),
      };
      for (const stage of ['bronze', 'silver', 'gold', 'total']) {
        report.results.push({
          engine, engine_version: manifest.engine_version, scale, stage,
          seconds: manifest.timings_s[stage] ?? 0,
          rows: stage === 'total' ? rows['bronze'] ?? 0 : rows[stage] ?? 0,
          peak_rss_mb: manifest.peak_rss_mb,
        });
      }
      options.log(
        `scale ${scale}: ${engine.padEnd(6)} bronze ${fmt(manifest.timings_s['bronze'])} silver ${fmt(manifest.timings_s['silver'])} ` +
          `gold ${fmt(manifest.timings_s['gold'])} total ${fmt(manifest.timings_s['total'])}  peak RSS ${manifest.peak_rss_mb} MB`,
      );
    }
    if (existsSync(sources) && scale >= 100) rmSync(sources, { recursive: true, force: true });
  }
  return report;
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function fmt(x: number | undefined): string {
  return `${(x ?? 0).toFixed(2)}s`.padStart(7);
}
