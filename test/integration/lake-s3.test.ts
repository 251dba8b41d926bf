/**
 * The lake on a real S3 server: MinIO from scripts/services/minio.sh (or the
 * AWS_* variables' server), and Spark Connect from scripts/services/spark.sh.
 * Nothing is mocked or skipped: without a server every test fails and says
 * how to start it. Each run of this file uses buckets of its own (`el-<id>…`),
 * deleted at the end, so reruns start clean and other tests are undisturbed.
 * The "server stopped mid-run" cases stop a second MinIO started here on a
 * free port, never the shared one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import { openLakeWithFallback } from '../../src/lake/fallback.ts';
import { openLake } from '../../src/lake/open.ts';
import { openTracker } from '../../src/tracking/open.ts';
import { parseS3Uri } from '../../src/lake/s3/location.ts';
import { cli, REPO, tempDir } from '../support/cli.ts';
import { freePort, startServe } from '../support/serve.ts';
import { S3_CLIENT_CONFIG, S3_ENDPOINT, startHint } from '../support/services.ts';
import { expectSameGold } from '../support/ingest.ts';
import { sameDeep } from '../support/same-value.ts';
import { ScratchMinio } from './lake-s3-minio.ts';
import { emptyBucket, expectOneLineError, goldRows, listKeys, runUntil, s3TestEnv, snapshot } from './lake-s3-support.ts';

const id = randomBytes(3).toString('hex');
const dir = tempDir('electrolake-s3-');
const RUN_DATE = '2026-01-15';

/** What every `electrolake` child gets: the shared MinIO, and a read cache of this test's own. */
const ENV = s3TestEnv(join(dir, 'cache'));
// The same for this process (reading tables through the lake, the fallback helper).
Object.assign(process.env, ENV);

const s3 = new S3Client(S3_CLIENT_CONFIG);
const buckets = new Set<string>();
const sources = join(dir, 'sources');
/** Bucket per layer, named from a template (`s3://` is the same with the seed's names). */
const LAKE = `s3://el-${id}-{layer}`;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return cli(args, { env: { ...ENV, ...env } });
}

beforeAll(async () => {
  try {
    await s3.send(new ListBucketsCommand({}));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`S3 at ${S3_ENDPOINT} did not answer: ${reason}\n  start it with: ${startHint('minio')}`, { cause: error });
  }
  const generated = run(['generate', '--scale', '0.3', '--seed', '7', '--dirty', '0.03', '--out', sources]);
  expect(generated.status, generated.stderr).toBe(0);
});

afterAll(async () => {
  for (const bucket of buckets) await emptyBucket(s3, bucket, true).catch(() => {});
  // publish's embedded store for an S3 lake lives in data/serving/ (src/serving/embedded-path.ts).
  const snapshot = LAKE.replace(/^s3:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  const serving = join(REPO, 'data/serving');
  for (const file of existsSync(serving) ? readdirSync(serving) : []) if (file.startsWith(snapshot)) rmSync(join(serving, file), { force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('S3 lake URIs', () => {
  it('s3:// is the seed layout: one bucket per layer, manifests in gold', () => {
    const location = parseS3Uri('s3://');
    expect(location.buckets).toEqual(['sources', 'bronze', 'silver', 'gold']);
    expect(location.place('bronze')).toEqual({ bucket: 'bronze', prefix: '' });
    expect(location.documents).toEqual({ bucket: 'gold', prefix: '' });
    expect(parseS3Uri('s3://{layer}').buckets).toEqual(location.buckets);
  });

  it('s3://<name>{layer}[/prefix] renames the buckets; s3://<bucket>[/prefix] is one bucket with layer prefixes', () => {
    const named = parseS3Uri('s3://acme-{layer}/team');
    expect(named.place('silver')).toEqual({ bucket: 'acme-silver', prefix: 'team/' });
    const single = parseS3Uri('s3://lake/a/b/');
    expect(single.buckets).toEqual(['lake']);
    expect(single.place('gold')).toEqual({ bucket: 'lake', prefix: 'a/b/gold/' });
    expect(single.documents).toEqual({ bucket: 'lake', prefix: 'a/b/' });
  });

  it('rejects a bad bucket name with one clear line', () => {
    expect(() => parseS3Uri('s3://Bad_Bucket')).toThrow(AppError);
    expectOneLineError(run(['run', '--lake', 's3://Bad_Bucket']), /invalid bucket name 'Bad_Bucket'/, 2);
  });
});

describe('end to end on S3: generate → lake init → run (both engines) → check, equal to the local lake', () => {
  it('lake init creates the buckets and uploads the sources, and can run again', async () => {
    for (const layer of ['sources', 'bronze', 'silver', 'gold']) buckets.add(`el-${id}-${layer}`);
    const first = run(['lake', 'init', '--lake', LAKE, '--sources', sources]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/4 bucket\(s\) \(4 created\), 2 source file\(s\) uploaded/);
    const again = run(['lake', 'init', '--lake', LAKE, '--sources', sources]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(0 created\)/);
    for (const bucket of buckets) await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    expect(await listKeys(s3, `el-${id}-sources`)).toEqual(['achats.csv', 'clients.csv']);
  });

  it('duckdb: the S3 run gives the local run\'s gold, check passes, nothing staged is left', async () => {
    const local = join(dir, 'local-duckdb');
    expect(run(['run', '--sources', sources, '--lake', local, '--run-date', RUN_DATE]).status).toBe(0);
    const onS3 = run(['run', '--lake', LAKE, '--run-date', RUN_DATE]);
    expect(onS3.status, onS3.stderr).toBe(0);
    const check = run(['check', '--lake', LAKE]);
    expect(check.status, check.stdout).toBe(0);

    for (const table of GOLD_TABLES) expect(await goldRows(LAKE, table), table).toEqual(await goldRows(local, table));
    expect(await listKeys(s3, `el-${id}-gold`)).toEqual(
      expect.arrayContaining(['_runs/latest.json', '_runs/latest_check.json', 'kpis.parquet', 'client_scores.parquet']),
    );
    // Only the snapshot's versions stay (one run so far): nothing staged, no orphan.
    const runId = /\(run ([^,]+),/.exec(check.stdout)?.[1];
    for (const layer of ['bronze', 'silver', 'gold']) {
      const keys = await listKeys(s3, `el-${id}-${layer}`);
      expect(keys.filter((k) => k.startsWith('_staging/'))).toEqual([]);
      expect(new Set(keys.filter((k) => k.startsWith('_versions/')).map((k) => k.split('/')[2]))).toEqual(new Set([`run-${runId}`]));
    }
  });

  it('without MLflow, runs are recorded in the S3 lake through the Lake (the local tracker), and listed back', async () => {
    // No MLflow: nothing configured, and the address tried by default does not answer.
    const lake = await openLake({ lake: LAKE });
    const { tracker, why } = await openTracker(lake, { uri: undefined, defaultUri: `http://127.0.0.1:${await freePort()}` });
    expect(why).toContain(`runs in the lake, ${LAKE}/_models/runs`);
    const runId = await tracker.startRun('predictor', 'heuristic');
    await tracker.logParams(runId, { model: 'heuristic' });
    await tracker.logMetrics(runId, { auc: 0.7 });
    await tracker.logArtifact(runId, 'model/params.json', '{"model":"heuristic"}');
    await tracker.endRun(runId, 'FINISHED');
    const keys = await listKeys(s3, `el-${id}-gold`, `_models/runs/predictor/${runId}/`);
    expect(keys).toEqual(expect.arrayContaining([
      `_models/runs/predictor/${runId}/run.json`,
      `_models/runs/predictor/${runId}/artifacts/model/params.json`,
    ]));
    const runs = await tracker.listRuns({ experiment: 'predictor' });
    expect(runs.map((r) => [r.run_id, r.status, r.metrics['auc']])).toContainEqual([runId, 'FINISHED', 0.7]);
    expect(new TextDecoder().decode(await tracker.readArtifact(runId, 'model/params.json'))).toBe('{"model":"heuristic"}');
  });
  it('spark: the S3 run (s3a, over the duckdb tables) gives the local duckdb run\'s gold, check passes on both engines', async () => {
    // The local reference is the duckdb run's: Spark and DuckDB agree table
    // for table (test/integration/spark-parity.test.ts), so a second, local
    // Spark run would only cost minutes.
    const onS3 = run(['run', '--engine', 'spark', '--lake', LAKE, '--run-date', RUN_DATE]);
    expect(onS3.status, `${onS3.stderr}\n(Spark Connect: bash scripts/services/spark.sh start)`).toBe(0);
    expect(run(['check', '--lake', LAKE]).status).toBe(0);
    const sparkCheck = run(['check', '--lake', LAKE, '--engine', 'spark']);
    expect(sparkCheck.status, sparkCheck.stdout + sparkCheck.stderr).toBe(0);

    await expectSameGold(LAKE, join(dir, 'local-duckdb'));
    // Spark's tables are versions of parts behind a pointer; the one-file tables of the duckdb run are gone.
    const gold = await listKeys(s3, `el-${id}-gold`);
    expect(gold.filter((k) => /^[a-z_]+\.parquet$/.test(k))).toEqual([]);
    expect(gold).toContain('_versions/kpis.parquet/_current.json');
  }, 600_000);

  it('publish → serve on the S3 lake (chosen first, and said) answer what they answer on the local lake', async () => {
    const answers: Record<string, unknown>[] = [];
    for (const lake of [LAKE, join(dir, 'local-duckdb')]) {
      const published = run(['publish', '--lake', lake, '--store', 'embedded'], { MONGO_URI: '' });
      expect(published.status, published.stderr).toBe(0);
      expect(published.stderr).toMatch(lake === LAKE ? /^lake: using the S3 lake s3:\/\/el-.*\{layer\} \(15 gold tables\)$/m : /^lake: using the local lake /m);
      const server = await startServe(['--lake', lake, '--store', 'embedded'], { env: { ...ENV, MONGO_URI: '' } });
      try {
        const answer: Record<string, unknown> = {};
        for (const path of ['/kpis', '/segments', '/monthly', '/by_country', '/by_product', '/cohort']) {
          const response = await fetch(`${server.url}${path}`);
          expect(response.status, `${path}: ${server.output()}`).toBe(200);
          answer[path] = ((await response.json()) as { data: unknown }).data;
        }
        answers.push(answer);
        expect(server.output()).toMatch(lake === LAKE ? /lake: using the S3 lake/ : /lake: using the local lake/);
      } finally {
        await server.stop();
      }
    }
    // Spark's gold on S3, DuckDB's locally: doubles within sameValue's bounds.
    expect(sameDeep(answers[0], answers[1]), JSON.stringify(answers)).toBe(true);
  }, 300_000);

  it('publish/serve helper: reads the S3 lake when it has gold, else falls back to the local lake, saying why', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const s3Choice = await openLakeWithFallback({ lake: LAKE, log });
    expect(s3Choice.used).toBe('s3');
    expect(await s3Choice.lake.list('gold')).toEqual([...GOLD_TABLES].sort());

    const missing = await openLakeWithFallback({ lake: `s3://el-${id}-nothing-{layer}`, log });
    expect(missing).toMatchObject({ used: 'local', lake: { uri: 'data/lake' } });
    expect(missing.reason).toMatch(/bucket 'el-.*-nothing-gold' does not exist.*falling back to the local lake data\/lake/);

    const down = `http://127.0.0.1:${await freePort()}`;
    process.env['AWS_ENDPOINT_URL'] = down;
    try {
      const unreachable = await openLakeWithFallback({ lake: LAKE, log });
      expect(unreachable.used).toBe('local');
      expect(unreachable.reason).toMatch(new RegExp(`S3 endpoint ${down} does not answer`));
    } finally {
      process.env['AWS_ENDPOINT_URL'] = S3_ENDPOINT;
    }
    const local = await openLakeWithFallback({ lake: join(dir, 'local-duckdb'), log });
    expect(local.used).toBe('local');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^lake: using the S3 lake s3:\/\/el-.*\{layer\} \(15 gold tables\)$/);
  });
});

describe('failures: one clear line, and the previous good lake stays readable', () => {
  it('wrong credentials', () => {
    const before = run(['check', '--lake', LAKE, '--json']).stdout;
    expectOneLineError(run(['run', '--lake', LAKE], { AWS_SECRET_ACCESS_KEY: 'not-the-secret' }), /rejected the credentials \(SignatureDoesNotMatch\).*check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/, 2);
    expectOneLineError(run(['check', '--lake', LAKE], { AWS_ACCESS_KEY_ID: 'nobody' }), /rejected the credentials \(InvalidAccessKeyId\)/, 2);
    expect(JSON.parse(run(['check', '--lake', LAKE, '--json']).stdout).run_id).toBe(JSON.parse(before).run_id);
  });

  it('missing bucket', () => {
    expectOneLineError(run(['run', '--lake', `s3://el-${id}-missing`]), /bucket 'el-.*-missing' does not exist at .*electrolake lake init/, 2);
    expectOneLineError(run(['check', '--lake', `s3://el-${id}-missing-{layer}`]), /bucket 'el-.*-missing-gold' does not exist/, 2);
  });

  it('unreachable endpoint', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    expectOneLineError(run(['run', '--lake', LAKE], { AWS_ENDPOINT_URL: down }), new RegExp(`S3 endpoint ${down} does not answer \\(ECONNREFUSED\\)`), 3);
  });

  for (const engine of ['duckdb', 'spark'] as const) {
    it(`server stopped mid-run (${engine}): a clear error; after a restart the previous lake is whole, and the next run cleans up`, async () => {
      const minio = await ScratchMinio.start(join(dir, `minio-${engine}`));
      try {
        const env = { AWS_ENDPOINT_URL: minio.endpoint };
        const lake = `s3://el-${id}-${engine}/lake`;
        const bigger = join(dir, `sources-${engine}-2`);
        expect(run(['generate', '--scale', '0.5', '--seed', '2', '--out', bigger]).status).toBe(0);
        expect(run(['lake', 'init', '--lake', lake, '--sources', sources], env).status).toBe(0);
        // The previous good lake comes from DuckDB either way (seconds, not a
        // Spark run's minutes): what is asserted is that the killed run leaves it whole.
        const good = run(['run', '--lake', lake, '--engine', 'duckdb', '--run-date', RUN_DATE], env);
        expect(good.status, good.stderr).toBe(0);
        const before = await snapshot(minio.client(), `el-${id}-${engine}`, 'lake/');
        expect(run(['lake', 'init', '--lake', lake, '--sources', bigger], env).status).toBe(0);

        // Stop the server once the run is in silver: DuckDB has read the
        // sources and fails at commit (each commit write waits 1 s first, so
        // the server is down before the first whatever the machine's load,
        // on small sources); Spark fails writing silver.
        const slow = engine === 'duckdb' ? { ELECTROLAKE_SLOW_COMMIT_MS: '1000' } : {};
        const killed = await runUntil(['run', '--lake', lake, '--engine', engine, '--run-date', RUN_DATE], { ...ENV, ...env, ...slow }, /\] silver /, () => minio.kill());
        // DuckDB fails in the lake (exit 3, service unavailable); Spark in the
        // engine (exit 5) or, when the lake's own request to MinIO comes
        // first (the lock, the snapshot pointer), in the lake (exit 3).
        expect(engine === 'duckdb' ? [3] : [3, 5]).toContain(killed.status);
        const errors = killed.stderr.split('\n').filter((l) => l.startsWith('electrolake:'));
        expect(errors, killed.stderr).toHaveLength(1);
        // DuckDB's run fails in the lake (uploads at commit); Spark's in the
        // engine, whose message names the s3a:// file it could not read or write.
        expect(errors[0]).toMatch(killed.status === 3 ? new RegExp(`S3 endpoint ${minio.endpoint} does not answer`) : /^electrolake: Spark: .*s3a:\/\/el-/);
        expect(killed.stderr).not.toMatch(/\n\s+at /);

        await minio.restart();
        const after = await snapshot(minio.client(), `el-${id}-${engine}`, 'lake/');
        expect(after.tables).toEqual(before.tables);
        expect(after.latest).toEqual(before.latest);
        const check = run(['check', '--lake', lake], env);
        expect(check.status, check.stdout).toBe(0);
        expect(check.stdout).toMatch(new RegExp(`run ${JSON.parse(before.latest).run_id}`));

        const next = run(['run', '--lake', lake, '--engine', engine, '--run-date', RUN_DATE], env);
        expect(next.status, next.stderr).toBe(0);
        const tidy = await listKeys(minio.client(), `el-${id}-${engine}`, 'lake/');
        expect(tidy.filter((k) => k.includes('/_staging/'))).toEqual([]);
        // Only the versions of the two snapshots stay (the killed run's are gone).
        const versions = new Set(tidy.filter((k) => k.includes('/_versions/')).map((k) => /\/(run-[^/]+)\//.exec(k)?.[1]).filter(Boolean));
        const history = JSON.parse(run(['history', '--lake', lake, '--json'], env).stdout) as { run_id: string }[];
        expect([...versions].sort()).toEqual(history.map((s) => `run-${s.run_id}`).sort());
      } finally {
        await minio.stop();
      }
    }, 600_000);
  }
});
