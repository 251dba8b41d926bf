/**
 * `watch --from s3://bucket/prefix` (the shared MinIO, a bucket of its own,
 * deleted at the end) against a local lake: an object is ingested only once
 * it has kept its size, ETag and LastModified for a whole interval, so a
 * multipart upload in progress or an object rewritten at once is never
 * picked up half-way; a day's file gives exactly one ingest and one refresh,
 * and a failure is notified, not retried until the object changes.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOk, tempDir } from '../support/cli.ts';
import { S3_CLIENT_CONFIG } from '../support/services.ts';
import { noticeHook, registeredFiles, waitFor, WatchProcess } from '../support/watch.ts';
import { emptyBucket, s3TestEnv } from './lake-s3-support.ts';

const bucket = `el-watch-${randomBytes(3).toString('hex')}`;
const dir = tempDir('watch-s3-');
const landing = join(dir, 'landing');
const lake = join(dir, 'lake');
const ENV = s3TestEnv(join(dir, 'cache'));
const s3 = new S3Client(S3_CLIENT_CONFIG);
const closers: (() => void)[] = [];

const put = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const day = (rows: number): string =>
  `id_achat,id_client,date_achat,montant,produit\n${Array.from({ length: rows }, (_, i) => `${9_000_001 + i},${i + 1},2025-12-31,${100 + i}.00,Four\n`).join('')}`;

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  cliOk(['generate', '--scale', '0.05', '--seed', '9', '--days-per-file', '1500', '--out', landing]);
  for (const name of readdirSync(landing)) await put(`drop/${name}`, readFileSync(join(landing, name)));
}, 120_000);

afterAll(async () => {
  for (const close of closers) close();
  await emptyBucket(s3, bucket, true).catch(() => {});
});

describe('watch an S3 landing prefix', () => {
  it('ingests a multipart upload only once complete and settled, once, with one refresh; a bad object is notified once', { timeout: 300_000 }, async () => {
    const hook = await noticeHook();
    closers.push(hook.close);
    const watcher = WatchProcess.start(
      ['--from', `s3://${bucket}/drop`, '--lake', lake, '--store', 'embedded', '--model', 'heuristic', '--interval', '0.5', '--notify-url', hook.url], ENV,
    );
    closers.push(() => watcher.kill());
    await waitFor('the first refresh', () => watcher.refreshes() === 1);
    expect(watcher.output).toContain(`watch   s3://${bucket}/drop every 0.5s`);

    // A day's file arrives as a multipart upload: invisible while its parts are uploaded.
    const name = 'achats_2025-12-31.csv';
    const key = `drop/${name}`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: day(20) }));
    await sleep(1500);
    expect(registeredFiles(lake, name), 'an upload in progress is not ingested').toEqual([]);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: [{ ETag: part.ETag, PartNumber: 1 }] } }));
    // …and is rewritten at once (a producer re-exporting): only the last version has settled.
    await put(key, day(21));

    await waitFor('the day to be ingested', () => registeredFiles(lake, name).length > 0);
    expect(watcher.output, 'first seen, then left to settle for an interval').toContain(`watch   waiting for ${name} to finish landing`);
    await waitFor('its refresh', () => watcher.refreshes() === 2);
    await sleep(2000); // four more polls: an ingested object is not refreshed again
    expect(registeredFiles(lake, name).map((f) => f.rows), 'ingested once, the rewritten version').toEqual([21]);
    expect(watcher.refreshes()).toBe(2);
    expect(hook.notices).toEqual([]);

    // A bad object: the refresh fails at ingest, the webhook hears it once, watching goes on; fixed, it recovers.
    await put('drop/clients_2025-12-31.csv', 'id_client;nom;email;pays;date_inscription\n1;A;a@b.fr;France;2020-01-01\n');
    await waitFor('the failure notice', () => hook.notices.length === 1);
    expect(hook.notices[0]).toMatchObject({ status: 'failed', step: 'ingest' });
    await sleep(2000);
    expect(hook.notices, 'the same bad object is not retried until it changes').toHaveLength(1);
    await put('drop/clients_2025-12-31.csv', 'id_client,nom,email,pays,date_inscription\n1,A B,a@b.fr,Belgique,2020-01-01\n');
    await waitFor('the recovery notice', () => hook.notices.length === 2);
    expect(hook.notices[1]).toMatchObject({ status: 'recovered', step: null, counts: { files: 1, rows: 1 } });
    expect(watcher.refreshes()).toBe(3);

    expect(await watcher.stop()).toBe(0);
    expect(watcher.output).toContain('watch   stopped');
  });
});
