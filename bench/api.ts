/**
 * Bench of the serving path (npm run bench:api): a scale-10 lake published to
 * both stores, then `electrolake serve` driven over loopback by autocannon,
 * each in its own process, so the figures are what a client would see.
 *
 * 1. builds the lake in .cache/bench-api/ if missing (generate + run);
 * 2. times `electrolake publish` to the embedded file and to MongoDB
 *    (MONGO_URI, else the local mongo-java-server, started if needed);
 * 3. for each store (embedded, embedded with its result cache off, mongo)
 *    starts `electrolake serve` and runs autocannon on /kpis,
 *    /scores?limit=100 and /daily: a 2 s warm-up, then `--duration` seconds
 *    (and, when the store is saturated, fewer than 50 answers, once more
 *    with a single connection, for the cost of one request);
 * 4. prints req/s and latency percentiles and writes them to
 *    data/metrics/api-benchmark.json.
 *
 * Usage: tsx bench/api.ts [--scale 10] [--duration 10] [--connections 10]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { machineInfo } from '../src/bench/machine.ts';
import { LATEST_RUN_KEY } from '../src/pipeline/manifest.ts';
import { freePort } from '../test/support/serve.ts';
import { stopwatch } from '../src/core/stopwatch.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/electrolake.mjs');
const AUTOCANNON = join(ROOT, 'node_modules/.bin/autocannon');

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const scale = Number(args.scale);
const duration = Math.min(Math.max(Number(args.duration), 1), 60); // bounded: the machine is shared
const connections = Math.min(Math.max(Number(args.connections), 1), 100);
const work = join(ROOT, '.cache/bench-api', `scale-${scale}`);
const sources = join(work, 'sources');
const lake = join(work, 'lake');
const mongoUri = process.env['MONGO_URI'] || 'mongodb://127.0.0.1:27017';
const mongoDb = 'electrolake_bench_api';
const ENDPOINTS = ['/kpis', '/scores?limit=100', '/daily'];

interface Figures {
  store: string;
  endpoint: string;
  connections: number;
  requests_per_s: number;
  latency_ms: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non_2xx: number;
  errors: number;
}

function say(line: string): void {
  process.stderr.write(`[bench:api] ${line}\n`);
}

/** Runs the CLI to completion; returns its wall-clock seconds. */
function electrolake(cliArgs: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; stdout: string } {
  const watch = stopwatch();
  const result = spawnSync(process.execPath, [BIN, ...cliArgs], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`electrolake ${cliArgs.join(' ')} failed:\n${result.stderr}`);
  return { seconds: watch.seconds(), stdout: result.stdout };
}

async function startServer(store: 'embedded' | 'mongo', env: NodeJS.ProcessEnv, log: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const out = openSync(log, 'w');
  const storeArgs = store === 'mongo' ? ['--store', 'mongo', '--mongo-uri', mongoUri, '--mongo-db', mongoDb] : ['--store', 'embedded'];
  const child = spawn(process.execPath, [BIN, 'serve', '--lake', lake, '--host', '127.0.0.1', '--port', String(port), ...storeArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`electrolake serve exited (${child.exitCode}); see ${log}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error(`electrolake serve did not answer; see ${log}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Waits until /health answers within 50 ms (at most 30 s). */
async function settle(url: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const watch = stopwatch();
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok && watch.ms() < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** autocannon in its own process; its --json summary. */
function autocannon(url: string, seconds: number, clients: number): Record<string, unknown> {
  // A 30 s request timeout: a slow store shows as high latencies, not as timeouts without figures.
  const result = spawnSync(AUTOCANNON, ['--json', '-c', String(clients), '-d', String(seconds), '-t', '30', url], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`autocannon failed on ${url}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

function figures(store: string, endpoint: string, clients: number, summary: Record<string, unknown>): Figures {
  const latency = summary['latency'] as Record<string, number>;
  const requests = summary['requests'] as Record<string, number>;
  return {
    store,
    endpoint,
    connections: clients,
    requests_per_s: Math.round(requests['average'] ?? 0),
    latency_ms: { p50: latency['p50'] ?? NaN, p90: latency['p90'] ?? NaN, p99: latency['p99'] ?? NaN, max: latency['max'] ?? NaN },
    requests: requests['total'] ?? 0,
    non_2xx: Number(summary['non2xx'] ?? 0),
    errors: Number(summary['errors'] ?? 0) + Number(summary['timeouts'] ?? 0),
  };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(lake, LATEST_RUN_KEY))) {
    say(`building a scale-${scale} lake in ${work}`);
    electrolake(['generate', '--scale', String(scale), '--dirty', '0.02', '--out', sources]);
    electrolake(['run', '--sources', sources, '--lake', lake]);
  }
  if (!process.env['MONGO_URI']) {
    const up = spawnSync('bash', [join(ROOT, 'scripts/services/mongo.sh'), 'start'], { cwd: ROOT, encoding: 'utf8' });
    if (up.status !== 0) throw new Error(`cannot start the local MongoDB-wire server:\n${up.stderr}`);
  }

  const publish: Record<string, { seconds: number; rows: number }> = {};
  for (const store of ['embedded', 'mongo'] as const) {
    say(`publishing to ${store}`);
    const storeArgs = store === 'mongo' ? ['--mongo-uri', mongoUri, '--mongo-db', mongoDb] : [];
    const run = electrolake(['publish', '--lake', lake, '--store', store, '--json', ...storeArgs]);
    const report = JSON.parse(run.stdout) as { seconds: number; tables: { rows: number }[] };
    publish[store] = { seconds: Math.round(run.seconds * 100) / 100, rows: report.tables.reduce((n, t) => n + t.rows, 0) };
    say(`  ${store}: ${publish[store]?.seconds}s for ${publish[store]?.rows.toLocaleString('en-US')} rows (${report.seconds}s inside publish)`);
  }

  const configs = [
    { name: 'embedded', store: 'embedded' as const, env: {} },
    { name: 'embedded (cache off)', store: 'embedded' as const, env: { SERVING_CACHE: 'off' } },
    { name: 'mongo', store: 'mongo' as const, env: {} },
  ];
  const results: Figures[] = [];
  for (const config of configs) {
    const log = join(work, `serve-${config.name.replace(/\W+/g, '-')}.log`);
    const { url, child } = await startServer(config.store, config.env, log);
    try {
      for (const endpoint of ENDPOINTS) {
        say(`${config.name} ${endpoint}: warm-up 2s, then ${duration}s with ${connections} connections`);
        autocannon(`${url}${endpoint}`, 2, connections);
        await settle(url); // a store still busy with a backlog would skew what follows
        const result = figures(config.name, endpoint, connections, autocannon(`${url}${endpoint}`, duration, connections));
        results.push(result);
        await settle(url);
        say(`  ${result.requests_per_s} req/s, p50 ${result.latency_ms.p50} ms, p99 ${result.latency_ms.p99} ms, non-2xx ${result.non_2xx}, errors/timeouts ${result.errors}`);
        if (result.requests < 50) {
          // Saturated: also the latency of one client at a time, which says what one request costs.
          const alone = figures(config.name, endpoint, 1, autocannon(`${url}${endpoint}`, duration, 1));
          results.push(alone);
          await settle(url);
          say(`  one connection: ${alone.requests_per_s} req/s, p50 ${alone.latency_ms.p50} ms, p99 ${alone.latency_ms.p99} ms`);
        }
      }
    } finally {
      await stopServer(child);
    }
  }

  // The local Mongo-wire server keeps everything in memory, shared with the tests.
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 5_000 });
  await client.db(mongoDb).dropDatabase().finally(() => client.close());

  const report = {
    generated_at: new Date().toISOString(),
    machine: machineInfo(),
    scale,
    duration_s: duration,
    connections,
    publish_seconds: publish,
    results,
  };
  mkdirSync(join(ROOT, 'data/metrics'), { recursive: true });
  writeFileSync(join(ROOT, 'data/metrics/api-benchmark.json'), `${JSON.stringify(report, null, 2)}\n`);

  const line = (cells: string[]) => `${cells[0]?.padEnd(22)}${cells[1]?.padEnd(20)}${cells.slice(2).map((c) => c.padStart(10)).join('')}`;
  process.stdout.write(`\nAPI bench, scale ${scale}, ${duration}s per endpoint, ${connections} connections, ${report.machine.cores} cores (${report.machine.cpu})\n`);
  process.stdout.write(`publish: embedded ${publish['embedded']?.seconds}s, mongo ${publish['mongo']?.seconds}s (${publish['mongo']?.rows.toLocaleString('en-US')} rows)\n\n`);
  process.stdout.write(`${line(['store', 'endpoint', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'answers', 'failed'])}\n`);
  for (const r of results) {
    process.stdout.write(
      `${line([r.store, r.endpoint, String(r.connections), String(r.requests_per_s), String(r.latency_ms.p50), String(r.latency_ms.p99), String(r.latency_ms.max), String(r.requests), String(r.non_2xx + r.errors)])}\n`,
    );
  }
  process.stdout.write('\nwritten to data/metrics/api-benchmark.json\n');
}

await main();
