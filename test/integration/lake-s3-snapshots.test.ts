/**
 * Snapshots and the writer lock on a real S3 server (MinIO from
 * scripts/services/minio.sh): a fault injected at every write of the commit
 * leaves exactly the previous or the new snapshot. One bucket of its own,
 * deleted at the end.
 *
 * The walk over the commit's ~50 steps runs the pipeline and the checks in
 * this process (the code `electrolake run` and `check` run, on the same
 * MinIO): one child process per step cost ~5 s of start-up each, which was
 * most of this file's time. What only the command line adds (exit status 4
 * and one line for a commit fault) is asserted once through it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { checkInProcess, faultFired, runInProcess } from '../support/in-process-run.ts';
import { S3_CLIENT_CONFIG, S3_ENDPOINT, startHint } from '../support/services.ts';
import { emptyBucket, listKeys, s3TestEnv } from './lake-s3-support.ts';

const bucket = `el-snap-${randomBytes(3).toString('hex')}`;
const LAKE = `s3://${bucket}/lake`;
const dir = tempDir('electrolake-s3snap-');
const ENV = s3TestEnv(join(dir, 'cache'));
const s3 = new S3Client(S3_CLIENT_CONFIG);
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(args, { env: { ...ENV, ...env } });
const FAULT = 'ELECTROLAKE_FAULT_COMMIT_STEP';

interface Snapshot { run_id: string; tables: Record<string, { bucket: string; home: string; version: string; parts: string[] }> }

async function text(key: string): Promise<string | undefined> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  } catch {
    return undefined;
  }
}

async function current(): Promise<Snapshot | undefined> {
  const body = await text('lake/_current.json');
  return body === undefined ? undefined : (JSON.parse(body) as Snapshot);
}

/** The S3 lake is exactly `snapshot`: every part it names is there, check passes on it, and (unless said otherwise) the plain keys are its files. */
async function expectLakeIs(snapshot: Snapshot, plainKeysCurrent: boolean): Promise<void> {
  const keys = new Set(await listKeys(s3, bucket, 'lake/'));
  for (const table of Object.values(snapshot.tables)) {
    for (const part of table.parts) expect(keys.has(`${table.home}/${table.version}/${part}`), `${table.home} ${part}`).toBe(true);
  }
  const check = await checkInProcess(LAKE);
  expect(check.failed, JSON.stringify(check.results.filter((r) => !r.ok))).toBe(0);
  expect(check.run_id).toBe(snapshot.run_id);
  if (!plainKeysCurrent) return;
  expect((JSON.parse((await text('lake/_runs/latest.json')) ?? '{}') as { run_id?: string }).run_id).toBe(snapshot.run_id);
  // Every table's two HEADs at once: one after the other they were ~40 round trips per step of the walk.
  const etags = await Promise.all(Object.entries(snapshot.tables).map(async ([name, table]) => {
    const [layer, file] = name.split('/');
    const [plain, version] = await Promise.all([
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `lake/${layer}/${file}.parquet` })),
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${table.home}/${table.version}/${table.parts[0]}` })),
    ]);
    return { name, plain: plain.ETag, version: version.ETag };
  }));
  for (const { name, plain, version } of etags) expect(plain, name).toBe(version);
}

beforeAll(async () => {
  try {
    await s3.send(new ListBucketsCommand({}));
  } catch (error) {
    throw new Error(`S3 at ${S3_ENDPOINT} did not answer: ${String(error)}\n  start it with: ${startHint('minio')}`, { cause: error });
  }
  // Small sources: the walk runs the pipeline once per commit step (~50), and what it asserts does not depend on size.
  for (const [name, seed, scale] of [['first', '1', '0.05'], ['second', '2', '0.1']] as const) {
    expect(run(['generate', '--scale', scale, '--seed', seed, '--dirty', '0.03', '--out', join(dir, name)]).status).toBe(0);
  }
  const init = run(['lake', 'init', '--lake', LAKE, '--sources', join(dir, 'first')]);
  expect(init.status, init.stderr).toBe(0);
  Object.assign(process.env, ENV); // the in-process runs and checks use the same MinIO and cache as the children
});

afterAll(async () => {
  await emptyBucket(s3, bucket, true).catch(() => {});
});

describe('S3 lake: one atomic commit per run', () => {
  it('a fault at every write of the commit leaves exactly the previous or the new snapshot', { timeout: 1_200_000 }, async () => {
    expect(run(['run', '--lake', LAKE]).status).toBe(0);
    expect(run(['lake', 'init', '--lake', LAKE, '--sources', join(dir, 'second')]).status).toBe(0);
    // Through the command line once: a commit fault is exit 4 and one line, and changes nothing.
    const first = await current();
    const cliFault = run(['run', '--lake', LAKE], { [FAULT]: '1' });
    expect(cliFault.status, cliFault.stderr).toBe(4);
    expect(cliFault.stderr.trim().split('\n').filter((l) => l.startsWith('electrolake:'))).toEqual([
      expect.stringMatching(/^electrolake: injected fault at commit step 1 \(upload /),
    ]);
    expect((await current())?.run_id).toBe(first?.run_id);

    let fired = true;
    let plainKeysCurrent = true; // a fault after the switch leaves them behind until the next good run
    for (let step = 1; fired; step++) {
      expect(step, 'the commit has a bounded number of steps').toBeLessThan(80);
      const before = await current();
      const result = await runInProcess({ lake: LAKE }, step);
      const { error, log } = result;
      fired = faultFired(result, step);
      const after = await current();
      expect(after).toBeDefined();
      if (error === undefined) {
        expect(after?.run_id).not.toBe(before?.run_id);
      } else {
        expect(fired, error.message).toBe(true);
        expect(error.exitCode, error.message).toBe(4);
        expect(after?.run_id, `step ${step}: the failed run is not visible`).toBe(before?.run_id);
      }
      // After the switch a fault only leaves the plain keys behind, and the run says so.
      if (error === undefined) plainKeysCurrent = !/plain keys for outside readers are behind/.test(log);
      await expectLakeIs(after as Snapshot, plainKeysCurrent);
    }
  });

  it('history, --at and vacuum on S3', { timeout: 300_000 }, async () => {
    const history = JSON.parse(run(['history', '--lake', LAKE, '--json']).stdout) as { run_id: string; parent: string | null }[];
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect(history[0]?.run_id).toBe((await current())?.run_id);
    const past = history[history.length - 1]?.run_id ?? '';
    const check = run(['check', '--lake', LAKE, '--at', past]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(`run ${past}`);
    const vacuum = run(['vacuum', '--lake', LAKE, '--keep', '2']);
    expect(vacuum.status, vacuum.stderr).toBe(0);
    const kept = JSON.parse(run(['history', '--lake', LAKE, '--json']).stdout) as { run_id: string }[];
    expect(kept.map((s) => s.run_id)).toEqual(history.slice(0, 2).map((s) => s.run_id));
    const versions = new Set((await listKeys(s3, bucket, 'lake/')).map((k) => /\/_versions\/[^/]+\/(run-[^/]+)\//.exec(k)?.[1]).filter(Boolean));
    expect([...versions].sort()).toEqual(kept.map((s) => `run-${s.run_id}`).sort());
    expect(run(['check', '--lake', LAKE]).status).toBe(0);
  });

  it('the lock object: a live holder elsewhere refuses the run (exit 3), a dead one of this host is taken over', { timeout: 300_000 }, async () => {
    const lock = 'lake/_lock.json';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: lock, Body: JSON.stringify({ pid: 1, host: 'elsewhere', started_at: '2026-01-01T00:00:00Z', command: 'run' }) }));
    const refused = run(['run', '--lake', LAKE]);
    expect(refused.status).toBe(3);
    expect(refused.stderr.trim()).toMatch(new RegExp(`^electrolake: the lake is locked by \`run\` \\(pid 1 on elsewhere, .*s3://${bucket}/lake/_lock.json`));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: lock, Body: JSON.stringify({ pid: dead, host: hostname(), started_at: '2026-01-01T00:00:00Z', command: 'run' }) }));
    const taken = run(['run', '--lake', LAKE]);
    expect(taken.status, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(new RegExp(`took over the lock of \`run\` \\(pid ${dead} on ${hostname()}`));
    expect(await text(lock)).toBeUndefined();
  });
});
