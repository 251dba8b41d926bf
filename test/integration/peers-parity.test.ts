/**
 * The benchmark's pandas and Polars peers (bench/peers/, installed by
 * scripts/services/peers.sh) compute the same seven gold tables as
 * `electrolake run` from the same clean sources, and `electrolake bench`
 * records them beside DuckDB with their ratio. Needs the peers' venv; a
 * missing one fails with the command that installs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_TABLES, PEERS, runPeer, type PeerName } from '../../src/bench/peers.ts';
import type { BenchReport } from '../../src/bench/pipeline-bench.ts';
import { GOLD_SCHEMA } from '../../src/core/schema.ts';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import type { Row } from '../../src/engines/engine.ts';
import { cli, tempDir } from '../support/cli.ts';
import { sameValue } from '../support/same-value.ts';

const dir = tempDir('electrolake-peers-');
const sources = join(dir, 'sources');
const lake = join(dir, 'lake');
const peerOut = (peer: PeerName) => join(dir, `peer-${peer}`);
let reader: DuckDbEngine;

beforeAll(async () => {
  const generated = cli(['generate', '--scale', '0.3', '--seed', '5', '--dirty', '0', '--out', sources]);
  expect(generated.status, generated.stderr).toBe(0);
  const run = cli(['run', '--sources', sources, '--lake', lake]);
  expect(run.status, run.stderr).toBe(0);
  for (const peer of PEERS) runPeer(peer, sources, peerOut(peer));
  reader = await DuckDbEngine.create();
}, 300_000);

afterAll(async () => {
  await reader?.close();
});

async function rows(path: string, table: string): Promise<Row[]> {
  await reader.registerView('t', { format: 'parquet', path });
  const columns = Object.keys(GOLD_SCHEMA[table as keyof typeof GOLD_SCHEMA].columns);
  const key = GOLD_SCHEMA[table as keyof typeof GOLD_SCHEMA].key;
  return reader.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM t ORDER BY ${key.map((k) => `"${k}"`).join(', ')}`);
}

describe.each(PEERS)('the %s peer', (peer) => {
  it.each(PEER_TABLES)('%s: the same rows as ours', async (table) => {
    const ours = await rows(join(lake, 'gold', `${table}.parquet`), table);
    const theirs = await rows(join(peerOut(peer), `${table}.parquet`), table);
    expect(ours.length).toBeGreaterThan(0);
    expect(theirs.length, `${table}: rows`).toBe(ours.length);
    const differing = ours
      .map((row, i) => [row, theirs[i] ?? {}] as const)
      .filter(([a, b]) => Object.keys(a).some((c) => !sameValue(a[c], b[c])));
    expect(differing[0] ?? [], `${table}: ${differing.length} rows differ (ours, ${peer})`).toEqual([]);
  });
});

describe('electrolake bench with the peers', () => {
  it('records each peer beside DuckDB: seconds, CPU, peak memory, ratio', () => {
    const out = join(dir, 'benchmark.json');
    const bench = cli(['bench', '--scale', '0.2', '--engines', 'duckdb,pandas,polars', '--work-dir', join(dir, 'bench'), '--out', out]);
    expect(bench.status, bench.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    const totals = report.results.filter((r) => r.stage === 'total');
    expect(totals.map((r) => r.engine)).toEqual(['duckdb', 'pandas', 'polars']);
    for (const r of totals) {
      expect(r.process_seconds, r.engine).toBeGreaterThan(0);
      expect(r.peak_rss_mb, r.engine).toBeGreaterThan(0);
      expect(r.ratio_to_duckdb, r.engine).toBeCloseTo(r.process_seconds / (totals[0]?.process_seconds ?? NaN), 1);
    }
    expect(report.versions['pandas']).toMatch(/^pandas \d/);
    expect(report.versions['polars']).toMatch(/^polars \d/);
    expect(bench.stdout).toMatch(/scale 0\.2: pandas takes [\d.]+× DuckDB's process time/);
  }, 300_000);
});
