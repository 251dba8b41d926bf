import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, firstLine } from '../core/errors.ts';
import { measuredSpawn, type MeasuredRun } from './child-usage.ts';

/**
 * The benchmark's peers: bench/peers/, a pandas and a Polars script that
 * compute seven of the gold tables from the same sources, run with the
 * Python of the venv scripts/services/peers.sh installs.
 */
export const PEERS = ['pandas', 'polars'] as const;
export type PeerName = (typeof PEERS)[number];

export const isPeer = (engine: string): engine is PeerName => (PEERS as readonly string[]).includes(engine);

/** The gold tables the peers compute (bench/peers/tables.py says the same). */
export const PEER_TABLES = ['fact_achats', 'ca_monthly', 'ca_country', 'ca_product', 'daily', 'weekly', 'distribution'] as const;

const ROOT = resolve(import.meta.dirname, '../..');
const PYTHON = join(ROOT, '.cache/peers-venv/current/bin/python');

export interface PeerRun {
  engine: PeerName;
  version: string;
  /** Inside the process, from before the library is imported to the last file written. */
  seconds: number;
  peak_rss_mb: number;
  rows: Record<string, number>;
  measured: Omit<MeasuredRun, 'result'>;
}

/** Runs one peer on `sources`, writing `<out>/<table>.parquet`; fails with one line when it is missing or fails. */
export function runPeer(engine: PeerName, sources: string, out: string): PeerRun {
  if (!existsSync(PYTHON)) {
    throw new AppError('UNAVAILABLE', `the ${engine} peer is not installed: run bash scripts/services/peers.sh install`);
  }
  rmSync(out, { recursive: true, force: true });
  // The peer runs from bench/ (so `-m peers` finds the package): relative paths would point there.
  const args = ['-m', 'peers', '--engine', engine, '--sources', resolve(sources), '--out', resolve(out)];
  const { result, ...measured } = measuredSpawn(PYTHON, args, {
    cwd: join(ROOT, 'bench'),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    // Python's traceback ends with the error itself.
    const said = (result.stderr || result.stdout || String(result.error)).trim().split('\n').at(-1) ?? '';
    throw new AppError('ENGINE', `bench: the ${engine} peer failed: ${firstLine(said)}`);
  }
  const report = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Omit<PeerRun, 'measured'>;
  return { ...report, measured };
}
