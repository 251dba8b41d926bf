/**
 * `publish` while a run commits publishes one whole snapshot (issue 13):
 * the commit is slowed down (`ELECTROLAKE_SLOW_COMMIT_MS`, each write or
 * rename of the commit waits), publishes run one after the other until the
 * run has ended, and each published store is exactly one snapshot, the old
 * one or the new one: its publication names that run and every table holds
 * the rows that run's manifest counts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { BIN, cli, REPO, tempDir } from '../support/cli.ts';

const dir = tempDir('electrolake-publish-commit-');
const lake = join(dir, 'lake');

/** The published store's run id and rows per table. */
async function published(): Promise<{ runId: string; rows: Record<string, number> }> {
  const instance = await DuckDBInstance.create(join(lake, 'serving', 'gold.duckdb'), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const [publication] = (await connection.runAndReadAll('SELECT publication FROM _publication')).getRowObjectsJson();
    const rows: Record<string, number> = {};
    for (const table of GOLD_TABLES) rows[table] = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0]);
    return { runId: (JSON.parse(String(publication?.['publication'])) as { run_id: string }).run_id, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function manifest(runId: string): RunManifest {
  return JSON.parse(readFileSync(join(lake, '_runs', `${runId}.json`), 'utf8')) as RunManifest;
}

describe('publish during a commit', () => {
  it('publishes one whole snapshot, the old or the new', async () => {
    for (const [name, scale, seed] of [['a', '0.05', '1'], ['b', '0.1', '2']] as const) {
      expect(cli(['generate', '--scale', scale, '--seed', seed, '--out', join(dir, name)]).status).toBe(0);
    }
    const first = cli(['run', '--sources', join(dir, 'a'), '--lake', lake, '--run-date', '2026-01-15']);
    expect(first.status, first.stderr).toBe(0);

    const run = spawn(process.execPath, [BIN, 'run', '--sources', join(dir, 'b'), '--lake', lake, '--run-date', '2026-01-15'], {
      cwd: REPO,
      env: { ...process.env, ELECTROLAKE_SLOW_COMMIT_MS: '1500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let committing = false;
    run.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      committing ||= /gold +cohort_first_purchase/.test(stderr); // the last gold table: the commit follows
    });
    const exited = new Promise<number | null>((done) => run.on('exit', done));
    let running = true;
    void exited.then(() => (running = false));
    while (running && !committing) await new Promise((done) => setTimeout(done, 100));

    const seen: string[] = [];
    while (running || seen.length === 0) {
      const publish = cli(['publish', '--lake', lake, '--store', 'embedded']);
      expect(publish.status, publish.stderr).toBe(0);
      const store = await published();
      const expected = manifest(store.runId);
      expect(expected.status).toBe('succeeded');
      expect(store.rows, `published ${store.runId}`).toEqual(expected.stages.gold);
      seen.push(store.runId);
    }
    expect(await exited, stderr).toBe(0);
    // The run ended during the last publish: publishing again shows the new snapshot.
    expect(cli(['publish', '--lake', lake, '--store', 'embedded']).status).toBe(0);
    const last = await published();
    expect(last.rows).toEqual(manifest(last.runId).stages.gold);
    expect(new Set([...seen, last.runId]).size).toBe(2);
  }, 300_000);
});
