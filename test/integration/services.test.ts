/**
 * Every service the tests rely on answers on its port, through the same real
 * client the code uses. Nothing is skipped: a service that is down fails here
 * with the script that starts it (scripts/services/up.sh starts them all).
 */
import { randomUUID } from 'node:crypto';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { MongoClient } from 'mongodb';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_LAUNCH_OPTIONS,
  CHROMIUM_PATH,
  FERRETDB_URI,
  MLFLOW_TRACKING_URI,
  MONGO_URI,
  S3_BUCKETS,
  S3_CLIENT_CONFIG,
  S3_ENDPOINT,
  startHint,
} from '../support/services.ts';

/** Runs `probe`; on failure, says which service is down and how to start it. */
async function reach<T>(what: string, hint: Parameters<typeof startHint>[0], probe: () => Promise<T>): Promise<T> {
  try {
    return await probe();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${what} did not answer: ${reason}\n  start it with: ${startHint(hint)}`, { cause: error });
  }
}

describe('MongoDB', () => {
  // Short timeouts: a missing server must fail in seconds, not after 30 s.
  const client = new MongoClient(MONGO_URI, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
  const db = client.db(`services_test_${randomUUID().slice(0, 8)}`);
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('answers ping', async () => {
    const pong = await reach(`MongoDB at ${MONGO_URI}`, 'mongo', () => db.admin().command({ ping: 1 }));
    expect(pong['ok']).toBe(1);
  });

  it('round-trips documents the way the serving store uses them', async () => {
    await reach(`MongoDB at ${MONGO_URI}`, 'mongo', () => db.command({ ping: 1 }));
    // Publish into a staging collection, index it, then swap it in place.
    const staging = db.collection('gold_t__staging');
    await staging.createIndex({ pays: 1, ca: -1 });
    const docs = Array.from({ length: 2_500 }, (_, i) => ({
      i,
      pays: ['France', 'Belgique', 'Suisse'][i % 3] ?? 'France',
      ca: (i % 100) + 0.5,
      day: new Date(Date.UTC(2024, 0, 1 + (i % 60))),
    }));
    await staging.insertMany(docs);
    await db.collection('gold_t').insertOne({ stale: true });
    await db.renameCollection('gold_t__staging', 'gold_t', { dropTarget: true });

    const gold = db.collection('gold_t');
    expect(await gold.countDocuments()).toBe(2_500);
    expect(await gold.countDocuments({ stale: true })).toBe(0);
    expect(await gold.countDocuments({ pays: 'France' })).toBe(834);

    const page = await gold
      .find({ pays: 'Suisse', ca: { $gte: 50 } }, { projection: { _id: 0, i: 1, ca: 1 } })
      .sort({ ca: -1, i: 1 })
      .skip(2)
      .limit(3)
      .toArray();
    // Suisse rows with ca 99.5 are i = 299, 599, 899, …; skip(2) starts at 899.
    expect(page).toEqual([
      { i: 899, ca: 99.5 },
      { i: 1199, ca: 99.5 },
      { i: 1499, ca: 99.5 },
    ]);

    const byCountry = await gold
      .aggregate<{ _id: string; n: number; ca: number }>([
        { $match: { ca: { $gt: 0 } } },
        { $group: { _id: '$pays', n: { $sum: 1 }, ca: { $sum: '$ca' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(byCountry.map((row) => [row._id, row.n])).toEqual([
      ['Belgique', 833],
      ['France', 834],
      ['Suisse', 833],
    ]);
    expect(byCountry.reduce((sum, row) => sum + row.ca, 0)).toBeCloseTo(docs.reduce((sum, d) => sum + d.ca, 0), 6);

    const indexes = (await gold.indexes()).map((index) => index.name);
    expect(indexes).toContain('pays_1_ca_-1');
    expect(await gold.drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).not.toContain('gold_t');
  });
});


describe('FerretDB (the second Mongo-wire server, over PostgreSQL)', () => {
  const client = new MongoClient(FERRETDB_URI, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
  const db = client.db(`services_test_${randomUUID().slice(0, 8)}`);
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('answers ping and round-trips dated documents with a sorted, filtered page', async () => {
    const pong = await reach(`FerretDB at ${FERRETDB_URI}`, 'ferretdb', () => db.admin().command({ ping: 1 }));
    expect(pong['ok']).toBe(1);
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: i, pays: i % 2 ? 'France' : 'Suisse', day: new Date(Date.UTC(2024, 0, 1 + (i % 30))) }));
    await db.collection<{ _id: number; pays: string; day: Date }>('t').insertMany(docs);
    expect(await db.collection('t').countDocuments({ pays: 'France' })).toBe(150);
    const page = await db.collection('t').find({ pays: 'France', day: { $gte: new Date(Date.UTC(2024, 0, 29)) } }).sort({ _id: -1 }).limit(2).toArray();
    expect(page.map((d) => d._id)).toEqual([299, 269]);
    expect(page[0]?.['day']).toEqual(new Date(Date.UTC(2024, 0, 30)));
  });
});
describe('S3 (MinIO)', () => {
  const s3 = new S3Client(S3_CLIENT_CONFIG);
  const bucket = `services-test-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket })).catch(() => undefined);
    for (const object of listed?.Contents ?? []) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key })).catch(() => undefined);
    }
    await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
    s3.destroy();
  });

  it('has the lake buckets', async () => {
    for (const name of S3_BUCKETS) {
      await reach(`S3 at ${S3_ENDPOINT} (bucket ${name})`, 'minio', () => s3.send(new HeadBucketCommand({ Bucket: name })));
    }
  });

  it('puts, gets, uploads in parts, copies and deletes objects', async () => {
    await reach(`S3 at ${S3_ENDPOINT}`, 'minio', () => s3.send(new CreateBucketCommand({ Bucket: bucket })));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bronze/a.csv', Body: 'id,montant\n1,12.5\n' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'bronze/a.csv' }));
    expect(await got.Body?.transformToString()).toBe('id,montant\n1,12.5\n');

    // Two 5 MiB parts and a tail: a real multipart upload (5 MiB is S3's minimum part).
    const big = Buffer.alloc(11 * 1024 * 1024, 0x61);
    await new Upload({ client: s3, params: { Bucket: bucket, Key: 'gold/big.bin', Body: big }, partSize: 5 * 1024 * 1024 }).done();
    const head = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'gold/big.bin', Range: 'bytes=0-3' }));
    expect(head.ContentRange).toBe(`bytes 0-3/${big.length}`);

    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'silver/a.csv', CopySource: `${bucket}/bronze/a.csv` }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'bronze/a.csv' }));
    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.map((o) => o.Key);
    expect(keys?.sort()).toEqual(['gold/big.bin', 'silver/a.csv']);
  });
});

describe('MLflow', () => {
  async function mlflow(path: string, init?: RequestInit): Promise<Response> {
    const response = await fetch(`${MLFLOW_TRACKING_URI}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`);
    return response;
  }

  it('lists experiments over REST', async () => {
    const response = await reach(`MLflow at ${MLFLOW_TRACKING_URI}`, 'mlflow', () =>
      mlflow('/api/2.0/mlflow/experiments/search?max_results=10'),
    );
    const body = (await response.json()) as { experiments?: { name: string }[] };
    expect(body.experiments?.map((e) => e.name)).toContain('Default');
  });

  it('records a run and stores its artifact through the server', async () => {
    await reach(`MLflow at ${MLFLOW_TRACKING_URI}`, 'mlflow', () => mlflow('/health'));
    const json = { 'content-type': 'application/json' };
    const created = await mlflow('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: `services-test-${randomUUID()}` }),
    });
    const { experiment_id: experimentId } = (await created.json()) as { experiment_id: string };
    const run = await mlflow('/api/2.0/mlflow/runs/create', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ experiment_id: experimentId, start_time: Date.now() }),
    });
    const { run: info } = (await run.json()) as { run: { info: { run_id: string; artifact_uri: string } } };
    await mlflow('/api/2.0/mlflow/runs/log-metric', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ run_id: info.info.run_id, key: 'auc', value: 0.5, timestamp: Date.now(), step: 0 }),
    });

    // --serve-artifacts: the artifact URI is mlflow-artifacts:/<path>, uploaded with PUT.
    expect(info.info.artifact_uri).toMatch(/^mlflow-artifacts:\//);
    const artifactPath = info.info.artifact_uri.replace(/^mlflow-artifacts:\//, '');
    await mlflow(`/api/2.0/mlflow-artifacts/artifacts/${artifactPath}/model/params.json`, { method: 'PUT', body: '{"k":1}' });
    const listed = await mlflow(`/api/2.0/mlflow/artifacts/list?run_id=${info.info.run_id}&path=model`);
    expect(((await listed.json()) as { files?: { path: string }[] }).files?.map((f) => f.path)).toEqual(['model/params.json']);

    await mlflow('/api/2.0/mlflow/experiments/delete', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ experiment_id: experimentId }),
    });
  });
});

describe('Chromium', () => {
  it('renders a page headless through playwright-core', async () => {
    const browser = await reach(`Chromium at ${CHROMIUM_PATH}`, 'chromium', () => chromium.launch(CHROMIUM_LAUNCH_OPTIONS));
    try {
      const page = await browser.newPage();
      const html = '<title>électrolake</title><p id="n"></p><script>n.textContent = 6 * 7</script>';
      await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      expect(await page.title()).toBe('électrolake');
      expect(await page.textContent('#n')).toBe('42');
      const png = await page.screenshot();
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await browser.close();
    }
  });
});
