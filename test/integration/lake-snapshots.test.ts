import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { cli, cliAsync, tempDir } from '../support/cli.ts';
import { checkInProcess, faultFired, runInProcess } from '../support/in-process-run.ts';
import { currentRun, expectLakeIsSnapshot, leftovers } from '../support/lake-snapshots.ts';

const FAULT = 'ELECTROLAKE_FAULT_COMMIT_STEP';

describe('local lake: one atomic commit per run', () => {
  const dir = tempDir();
  const first = join(dir, 'first');
  const second = join(dir, 'second');

  it('a fault at every write and rename of the commit leaves exactly the previous or the new snapshot', { timeout: 900_000 }, async () => {
    // Small sources: the walk runs the pipeline once per commit step, and what it asserts does not depend on size.
    expect(cli(['generate', '--scale', '0.05', '--seed', '1', '--out', first]).status).toBe(0);
    expect(cli(['generate', '--scale', '0.1', '--seed', '2', '--dirty', '0.05', '--out', second]).status).toBe(0);
    for (const [sources, lake] of [[first, join(dir, 'fresh')], [second, join(dir, 'lake')]] as const) {
      // A fresh lake (nothing before) and a lake with a snapshot (the second one is made from `first` below).
      if (lake.endsWith('lake')) {
        expect(cli(['run', '--sources', first, '--lake', lake]).status).toBe(0);
        // Through the command line once: a commit fault is exit 4 and one line, and changes nothing.
        const before = currentRun(lake);
        const run = cli(['run', '--sources', sources, '--lake', lake], { env: { [FAULT]: '1' } });
        expect(run.status, run.stderr).toBe(4);
        expect(run.stderr.split('\n').filter((l) => l.startsWith('electrolake:'))).toEqual([expect.stringMatching(/^electrolake: injected fault at commit step 1 /)]);
        expect(currentRun(lake)).toBe(before);
        expect(leftovers(lake)).toEqual([]);
      }
      // The walk runs the pipeline in this process (see in-process-run.ts): two children per step were most of this test's time.
      let fired = true;
      for (let step = 1; fired; step++) {
        expect(step, 'the commit has a bounded number of steps').toBeLessThan(30);
        const before = currentRun(lake);
        const result = await runInProcess({ sources, lake }, step);
        fired = faultFired(result, step);
        const after = currentRun(lake);
        expect(leftovers(lake), `step ${step}`).toEqual([]);
        if (result.error === undefined) {
          expect(after).not.toBe(before);
        } else {
          expect(fired, result.error.message).toBe(true);
          expect(result.error.exitCode, result.error.message).toBe(4);
          expect(after, `step ${step}: the failed run is not visible`).toBe(before);
        }
        if (after === undefined) {
          const nothing = await checkInProcess(lake).then(() => undefined, (error: unknown) => error);
          expect(nothing instanceof AppError && nothing.exitCode, String(nothing)).toBe(2); // nothing committed yet
        } else {
          await expectLakeIsSnapshot(lake, after);
        }
      }
    }
  });

  it('history lists the snapshots with their parents; --at reads a past one; vacuum keeps N and never the current one', { timeout: 300_000 }, async () => {
    const lake = join(dir, 'lake');
    const history = JSON.parse(cli(['history', '--lake', lake, '--json']).stdout) as { run_id: string; parent: string | null; current: boolean; check: string }[];
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0]?.current).toBe(true);
    expect(history[0]?.run_id).toBe(currentRun(lake));
    expect(history[0]?.check).toBe('passed');
    for (let i = 0; i + 1 < history.length; i++) expect(history[i]?.parent).toBe(history[i + 1]?.run_id);

    const past = history[history.length - 1]?.run_id ?? '';
    const check = cli(['check', '--lake', lake, '--at', past]);
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).toContain(`run ${past}`);
    const publish = cli(['publish', '--lake', lake, '--at', past, '--store', 'embedded', '--json'], { env: { MONGO_URI: '' } });
    expect(publish.status, publish.stderr).toBe(0);
    expect((JSON.parse(publish.stdout) as { run_id: string }).run_id).toBe(past);
    const missing = cli(['check', '--lake', lake, '--at', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^electrolake: no snapshot nope in .*electrolake history/);

    const vacuum = cli(['vacuum', '--lake', lake, '--keep', '1']);
    expect(vacuum.status, vacuum.stderr).toBe(0);
    const kept = JSON.parse(cli(['history', '--lake', lake, '--json']).stdout) as { run_id: string }[];
    expect(kept.map((s) => s.run_id)).toEqual([history[0]?.run_id]);
    await expectLakeIsSnapshot(lake, history[0]?.run_id ?? '');
    expect(cli(['check', '--lake', lake, '--at', past]).status).toBe(2);
  });
});

describe('local lake: one writer at a time', () => {
  const dir = tempDir();
  const sources = join(dir, 'sources');
  const lake = join(dir, 'lake');

  it('a second run fails at once naming the first (exit 3), or waits for it with --wait and commits on top of it', { timeout: 600_000 }, async () => {
    // The first run still holds the lock when the second has started (seconds on a loaded machine): its
    // commit is slowed down (each of its ~25 writes and renames waits 300 ms), as big sources did at more cost.
    expect(cli(['generate', '--scale', '0.3', '--seed', '3', '--out', sources]).status).toBe(0);
    const firstRun = cliAsync(['run', '--sources', sources, '--lake', lake], { env: { ELECTROLAKE_SLOW_COMMIT_MS: '300' } });
    let progress = '';
    await new Promise<void>((resolve) => firstRun.stderr.on('data', (chunk: Buffer) => {
      progress += chunk.toString();
      if (/bronze {2}clients/.test(progress)) resolve();
    }));
    const refused = cli(['run', '--sources', sources, '--lake', lake]);
    expect(refused.status, refused.stderr + progress).toBe(3);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(new RegExp(`locked by \`run\` \\(pid ${firstRun.pid} on ${hostname()}, since .*--wait`));

    const waited = cliAsync(['run', '--sources', sources, '--lake', lake, '--wait', '300']);
    const [firstCode, waitedCode] = await Promise.all([firstRun, waited].map((child) => new Promise((r) => child.on('exit', r))));
    expect(firstCode).toBe(0);
    expect(waitedCode).toBe(0);
    const history = JSON.parse(cli(['history', '--lake', lake, '--json']).stdout) as { run_id: string; parent: string | null }[];
    expect(history).toHaveLength(2);
    expect(history[0]?.parent, 'the waiting run committed on top of the first').toBe(history[1]?.run_id);
    expect(history[1]?.parent).toBeNull();
  });

  it("takes over the lock of a dead process of this host, and says so; never one of another host's", { timeout: 300_000 }, () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 999_999;
    const lock = join(lake, '_lock.json');
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), started_at: '2026-01-01T00:00:00Z', command: 'run' }));
    const run = cli(['run', '--sources', sources, '--lake', lake]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`took over the lock of \`run\` \\(pid ${dead} on ${hostname()}.*process is gone`));
    expect(() => readFileSync(lock)).toThrow(); // released

    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'elsewhere', started_at: '2026-01-01T00:00:00Z', command: 'vacuum' }));
    const vacuum = cli(['vacuum', '--lake', lake]);
    expect(vacuum.status).toBe(3);
    expect(vacuum.stderr.trim()).toMatch(/^electrolake: the lake is locked by `vacuum` \(pid \d+ on elsewhere/);
    rmSync(lock);
  });
});
