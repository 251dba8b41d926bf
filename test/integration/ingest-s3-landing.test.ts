/**
 * Landing from an S3 bucket (MinIO from scripts/services/minio.sh, a bucket
 * of its own, deleted at the end): `ingest` on an S3 lake without `--from`
 * reads the lake's sources layer, `--from s3://bucket/prefix` any prefix;
 * the files give the gold of the same files ingested from a local folder,
 * and an unchanged object is neither downloaded nor ingested again (nor
 * refreshed by `watch`, which polls the same sources layer by default).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliOk, tempDir } from '../support/cli.ts';
import { expectSameGold } from '../support/ingest.ts';
import { S3_CLIENT_CONFIG } from '../support/services.ts';
import { waitFor, WatchProcess } from '../support/watch.ts';
import { emptyBucket, s3TestEnv } from './lake-s3-support.ts';

const bucket = `el-landing-${randomBytes(3).toString('hex')}`;
/** One bucket, layers as prefixes: the lake's sources are `s3://<bucket>/lake/sources/`. */
const S3_LAKE = `s3://${bucket}/lake`;
const dir = tempDir('ingest-s3-landing-');
const landing = join(dir, 'landing');
const local = join(dir, 'local');
const ENV = s3TestEnv(join(dir, 'cache'));
const s3 = new S3Client(S3_CLIENT_CONFIG);
const RUN = ['--model', 'heuristic', '--run-date', '2026-01-01'];

const ok = (args: string[]): string => cliOk(args, { env: ENV, timeoutMs: 300_000 });

const put = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

beforeAll(async () => {
  Object.assign(process.env, ENV); // this process reads the S3 lake's gold too
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  ok(['generate', '--scale', '0.05', '--seed', '12', '--days-per-file', '1000', '--out', landing]);
  for (const name of readdirSync(landing)) await put(`lake/sources/${name}`, readFileSync(join(landing, name)));
  await put('lake/sources/notes.txt', 'not a source');
  await put('lake/sources/archive/achats_2020-01-01.csv', 'not right under the prefix: not read');
  ok(['ingest', '--from', landing, '--lake', local]);
  ok(['run', '--lake', local, '--engine', 'duckdb', ...RUN]);
}, 300_000);

afterAll(async () => {
  await emptyBucket(s3, bucket, true).catch(() => {});
});

describe('ingest from an S3 landing', () => {
  const files = () => readdirSync(landing).length;

  it('an S3 lake without --from ingests its sources layer: the gold of the same files ingested from a folder', { timeout: 300_000 }, async () => {
    const out = ok(['ingest', '--lake', S3_LAKE]);
    expect(out).toContain(`s3://${bucket}/lake/sources/: ${files()} source file(s), ${files()} downloaded`);
    expect(out).toMatch(new RegExp(`ingested ${files()} files \\(`));
    ok(['run', '--lake', S3_LAKE, '--engine', 'duckdb', ...RUN]);
    await expectSameGold(S3_LAKE, local);
  });

  it('a second ingest downloads nothing and ingests nothing', () => {
    const out = ok(['ingest', '--lake', S3_LAKE]);
    expect(out).toContain(`${files()} source file(s), 0 downloaded`);
    expect(out).toContain(`ingested 0 files (0 rows), ${files()} already ingested`);
  });

  it('--from s3://bucket/prefix reads another prefix; a re-uploaded object with new content is downloaded again', async () => {
    const day = 'id_achat,id_client,date_achat,montant,produit\n9000001,1,2025-12-31,10.00,Four\n';
    await put('drop/achats_2025-12-31.csv', day);
    expect(ok(['ingest', '--from', `s3://${bucket}/drop`, '--lake', S3_LAKE])).toContain('ingested 1 file (1 rows), 0 already ingested');
    await put('drop/achats_2025-12-31.csv', day.replace('10.00', '12.00'));
    const out = ok(['ingest', '--from', `s3://${bucket}/drop/`, '--lake', S3_LAKE]);
    expect(out).toContain('1 source file(s), 1 downloaded');
    expect(out).toContain('ingested 1 file (1 rows), 0 already ingested, 1 new version of known files');
  });

  it('refresh on an S3 lake without --from ingests the new file of its sources layer', { timeout: 300_000 }, async () => {
    await put('lake/sources/achats_2025-12-30.csv', 'id_achat,id_client,date_achat,montant,produit\n9000002,1,2025-12-30,20.00,Four\n');
    const r = cli(['refresh', '--lake', S3_LAKE, '--store', 'embedded', '--model', 'heuristic'], { env: { ...ENV, MONGO_URI: '' }, timeoutMs: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/refresh ingest +ok .*1 new file\(s\), 1 rows/);
  });

  it('watch on an S3 lake without --from polls its sources layer, where every object is already ingested: no refresh', { timeout: 60_000 }, async () => {
    const watcher = WatchProcess.start(['--lake', S3_LAKE, '--store', 'embedded', '--interval', '0.3'], ENV);
    try {
      await waitFor('watch to start', () => watcher.output.includes(`watch   s3://${bucket}/lake/sources/ every 0.3s`), 30_000);
      await sleep(1500); // five polls
      expect(watcher.output).not.toContain('watch   new:');
      expect(watcher.output).not.toContain('waiting for');
      expect(await watcher.stop()).toBe(0);
    } finally {
      watcher.kill();
    }
  });

  it.each(['ingest', 'watch'])('a bad landing URI is one clear line (%s)', (command) => {
    const r = cli([command, '--from', 's3://Not_A_Bucket/x', '--lake', S3_LAKE], { env: ENV });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toBe('electrolake: not an S3 landing URI: s3://Not_A_Bucket/x (expected s3://<bucket>[/<prefix>])');
  });
});
