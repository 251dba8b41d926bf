import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError, firstLine } from '../core/errors.ts';
import { generateSources } from '../generate/generate.ts';
import { LATEST_RUN_KEY, runKey, type RunManifest } from '../pipeline/manifest.ts';
import { measuredSpawn } from './child-usage.ts';
import { machineInfo } from './machine.ts';
import { isPeer, runPeer } from './peers.ts';
import { localSparkServer, resetPeakRss, residentMemory } from './spark-server.ts';
import { stopwatch } from '../core/stopwatch.ts';

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
  /** Peak resident memory of the `electrolake run` process (for Spark, the client only), or of the peer's Python. */
  peak_rss_mb: number;
  /** The whole process from spawn to exit, start-up included (what the ratios compare). */
  process_seconds: number;
  /** User + system CPU seconds of the process (null off Linux): steadier than wall clock on a busy machine. */
  cpu_seconds: number | null;
  /** On `total` rows: process_seconds / DuckDB's at the same scale (below 1 is faster than DuckDB). */
  ratio_to_duckdb?: number | null;
  /** Spark: peak resident memory of the local Spark Connect server during the run; null when it cannot be seen (remote cluster). */
  server_peak_rss_mb?: number | null;
  /** 1-minute load average of the machine when the run started and ended (2 cores shared: above 2, runs wait for CPU). */
  load_avg_before: number;
  load_avg_after: number;
}

export interface BenchReport {
  generated_at: string;
  machine: Record<string, string | number>;
  generation: { scale: number; seconds: number; clients: number; achats: number }[];
  /** What ran: each engine's version as its manifest reports it, and the local Spark server's pyspark and Java. */
  versions: Record<string, string>;
  results: BenchResult[];
}

const BIN = resolve(import.meta.dirname, '../../bin/electrolake.mjs');

/**
 * Runs each engine on the same generated sources at each scale. Every run is
 * its own `electrolake run` process, so its peak memory is its own, and the
 * engines are measured side by side in one session (the machine is noisy).
 */
export async function benchPipeline(options: BenchOptions): Promise<BenchReport> {
  const report: BenchReport = {
    generated_at: new Date().toISOString(), machine: machineInfo(), generation: [], versions: {}, results: [],
  };
  for (const scale of options.scales) {
    const sources = join(options.workDir, `sources-s${scale}`);
    const watch = stopwatch();
    const summary = await generateSources({ scale, seed: 42, dirty: options.dirty, out: sources });
    const seconds = watch.seconds();
    report.generation.push({ scale, seconds: round(seconds), clients: summary.clients, achats: summary.achats });
    options.log(`scale ${scale}: generated ${summary.achatRows.toLocaleString('en')} purchase rows in ${seconds.toFixed(1)}s`);

    for (const engine of options.engines) {
      if (isPeer(engine)) {
        const loadBefore = round(loadavg()[0] ?? 0);
        const peer = runPeer(engine, sources, join(options.workDir, `peer-${engine}-s${scale}`));
        report.versions[engine] = peer.version;
        report.results.push({
          engine, engine_version: peer.version, scale, stage: 'total', seconds: peer.seconds,
          rows: sum(peer.rows), peak_rss_mb: peer.peak_rss_mb,
          process_seconds: round(peer.measured.wallSeconds), cpu_seconds: roundOrNull(peer.measured.cpuSeconds),
          load_avg_before: loadBefore, load_avg_after: round(loadavg()[0] ?? 0),
        });
        options.log(
          `scale ${scale}: ${engine.padEnd(6)} 7 gold tables ${fmt(peer.seconds)}  process ${fmt(peer.measured.wallSeconds)} ` +
            `cpu ${fmt(peer.measured.cpuSeconds ?? undefined)}  peak RSS ${peer.peak_rss_mb} MB  (load ${loadBefore})`,
        );
        continue;
      }
      const lake = join(options.workDir, `lake-${engine}-s${scale}`);
      rmSync(lake, { recursive: true, force: true });
      const server = engine === 'spark' ? localSparkServer() : undefined;
      if (server) {
        if (server.pyspark) report.versions['pyspark'] = server.pyspark;
        if (server.java) report.versions['spark_server_java'] = server.java;
      }
      const peakReset = server !== undefined && resetPeakRss(server.pid);
      const loadBefore = round(loadavg()[0] ?? 0);
      const { result: run, wallSeconds, cpuSeconds } = measuredSpawn(
        process.execPath, [BIN, 'run', '--engine', engine, '--sources', sources, '--lake', lake], { encoding: 'utf8' },
      );
      const loadAfter = round(loadavg()[0] ?? 0);
      // Without a reset, VmHWM is the server's peak since it started: not this run's.
      const serverPeak = server && peakReset ? (residentMemory(server.pid)?.peak_mb ?? null) : null;
      if (run.status !== 0) {
        throw new AppError('ENGINE', `bench: ${engine} at scale ${scale} failed: ${firstLine(run.stderr || run.stdout)}`);
      }
      // The run's record (`_runs/<run_id>.json`) has the commit's and the total's timings; the snapshot's manifest is written before them.
      const { run_id: runId } = JSON.parse(readFileSync(join(lake, LATEST_RUN_KEY), 'utf8')) as RunManifest;
      const manifest = JSON.parse(readFileSync(join(lake, runKey(runId)), 'utf8')) as RunManifest;
      report.versions[engine] = manifest.engine_version;
      const rows: Record<string, number> = {
        bronze: sum(manifest.stages.bronze),
        silver: sum(manifest.stages.silver) + sum(manifest.stages.quarantine),
        gold: sum(manifest.stages.gold),
      };
      for (const stage of ['bronze', 'silver', 'gold', 'commit', 'total']) {
        report.results.push({
          engine, engine_version: manifest.engine_version, scale, stage,
          seconds: manifest.timings_s[stage] ?? 0,
          rows: stage === 'total' || stage === 'commit' ? rows['bronze'] ?? 0 : rows[stage] ?? 0,
          peak_rss_mb: manifest.peak_rss_mb,
          process_seconds: round(wallSeconds),
          cpu_seconds: roundOrNull(cpuSeconds),
          ...(engine === 'spark' ? { server_peak_rss_mb: serverPeak } : {}),
          load_avg_before: loadBefore,
          load_avg_after: loadAfter,
        });
      }
      const serverNote = serverPeak === null ? '' : `, Spark server peak ${serverPeak} MB`;
      options.log(
        `scale ${scale}: ${engine.padEnd(6)} bronze ${fmt(manifest.timings_s['bronze'])} silver ${fmt(manifest.timings_s['silver'])} ` +
          `gold ${fmt(manifest.timings_s['gold'])} commit ${fmt(manifest.timings_s['commit'])} total ${fmt(manifest.timings_s['total'])}  process ${fmt(wallSeconds)} ` +
          `cpu ${fmt(cpuSeconds ?? undefined)}  peak RSS ${manifest.peak_rss_mb} MB${serverNote}` +
          `  (load ${loadBefore} → ${loadAfter})`,
      );
    }
    addRatios(report.results.filter((r) => r.scale === scale && r.stage === 'total'), options.log);
    if (existsSync(sources) && scale >= 100) rmSync(sources, { recursive: true, force: true });
  }
  return report;
}

/** Each engine's whole-process time against DuckDB's at the same scale, said in one line per engine. */
function addRatios(totals: BenchResult[], log: (line: string) => void): void {
  const duckdb = totals.find((r) => r.engine === 'duckdb');
  for (const r of totals) {
    r.ratio_to_duckdb = duckdb && duckdb.process_seconds > 0 ? round(r.process_seconds / duckdb.process_seconds) : null;
    if (duckdb && r !== duckdb) {
      const cpu = r.cpu_seconds !== null && duckdb.cpu_seconds ? `, CPU ${(r.cpu_seconds / duckdb.cpu_seconds).toFixed(2)}×` : '';
      log(`scale ${r.scale}: ${r.engine} takes ${(r.ratio_to_duckdb ?? 0).toFixed(2)}× DuckDB's process time${cpu}`);
    }
  }
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
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
