/**
 * Ingestion on an S3 lake (MinIO from scripts/services/minio.sh, a bucket of
 * its own, deleted at the end) and on Spark (scripts/services/spark.sh):
 * the same dated files give the gold of one DuckDB run over the files
 * concatenated, whatever the lake and the engine. Spark on a local lake of
 * ingested parts is test/integration/ingest-updates-spark.test.ts (the same
 * gold as DuckDB on that lake, with updates), so Spark runs once here.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliOk, tempDir } from '../support/cli.ts';
import { concatenateDated, expectSameGold } from '../support/ingest.ts';
import { S3_CLIENT_CONFIG } from '../support/services.ts';
import { emptyBucket, listKeys, s3TestEnv } from './lake-s3-support.ts';

const bucket = `el-ingest-${randomBytes(3).toString('hex')}`;
const S3_LAKE = `s3://${bucket}/lake`;
const dir = tempDir('ingest-engines-');
const landing = join(dir, 'landing');
const single = join(dir, 'single');
const ENV = s3TestEnv(join(dir, 'cache'));
const s3 = new S3Client(S3_CLIENT_CONFIG);
const RUN = ['--model', 'heuristic', '--run-date', '2026-01-01'];

// Spark on S3 on 2 shared cores takes minutes.
const ok = (args: string[]): string => cliOk(args, { env: ENV, timeoutMs: 900_000 });

beforeAll(async () => {
  Object.assign(process.env, ENV); // this process reads the S3 lake's gold too
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  ok(['generate', '--scale', '0.1', '--seed', '11', '--dirty', '0.02', '--days-per-file', '1000', '--out', landing]);
  const concatenated = join(dir, 'concatenated');
  mkdirSync(concatenated);
  concatenateDated(landing, concatenated);
  ok(['run', '--sources', concatenated, '--lake', single, '--engine', 'duckdb', ...RUN]);
}, 300_000);

afterAll(async () => {
  await emptyBucket(s3, bucket, true).catch(() => {});
});

describe('ingest on an S3 lake and on Spark', () => {
  it('S3 lake, DuckDB: parts uploaded once, gold equal to one run over the concatenated files; a second ingest changes nothing', { timeout: 300_000 }, async () => {
    expect(ok(['ingest', '--from', landing, '--lake', S3_LAKE])).toContain('ingested 6 files');
    expect((await listKeys(s3, bucket, 'lake/_ingest/parts/')).length).toBe(6);
    ok(['run', '--lake', S3_LAKE, '--engine', 'duckdb', ...RUN]);
    await expectSameGold(S3_LAKE, single);
    expect(ok(['ingest', '--from', landing, '--lake', S3_LAKE])).toContain('ingested 0 files (0 rows), 6 already ingested');
    expect(cli(['check', '--lake', S3_LAKE], { env: ENV }).status).toBe(0);
  });

  it('S3 lake, Spark: reads the parts from the bucket and gives the same gold', { timeout: 900_000 }, async () => {
    ok(['run', '--lake', S3_LAKE, '--engine', 'spark', ...RUN]);
    await expectSameGold(S3_LAKE, single);
  });
});
