/**
 * The API's errors: 400 naming the bad parameter, 404 for unknown paths and
 * clients, 503 for an empty collection, for nothing published and for a
 * store that does not answer (and 200 again once it is back, without a
 * restart), on the embedded store and on MongoDB. Plus CORS, the dashboard
 * hook, the lake documents and the request log. No body ever carries a
 * stack trace.
 */
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { EmbeddedStore } from '../../src/serving/embedded.ts';
import { MongoStore } from '../../src/serving/mongo.ts';
import { tempDir } from '../support/cli.ts';
import { appFor, buildLake, dropDatabase, get, openVariant, publish, testDbName, type Answer } from '../support/serving.ts';
import { MONGO_URI } from '../support/services.ts';
import { mongoHostPort, TcpProxy, viaProxy } from '../support/tcp-proxy.ts';

const dir = tempDir('electrolake-api-errors-');
let lake = '';
const mongoDb = testDbName('errors');
const emptyDb = testDbName('errors_empty');

beforeAll(() => {
  lake = buildLake(dir, { scale: 0.2, seed: 5 });
  publish(lake, 'embedded');
  publish(lake, 'mongo', mongoDb);
});

afterAll(async () => {
  await dropDatabase(mongoDb);
  await dropDatabase(emptyDb);
});

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body.error?.code).toBe(code);
  expect(answer.body.error?.message).toEqual(expect.any(String));
  expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/); // never a stack trace
  expect(answer.headers.get('content-type')).toMatch(/application\/json/);
}

describe.each(['embedded (published file)', 'mongo'] as const)('bad requests on the %s store', (variant) => {
  const cases: [string, string][] = [
    ['/daily?from=2024-13-01', 'from'],
    ['/daily?from=2024-02-30', 'from'],
    ['/daily?to=yesterday', 'to'],
    ['/daily?from=2025-02-01&to=2025-01-01', 'from'],
    ['/weekly?from=20250101', 'from'],
    ['/monthly?from=2025-13', 'from'],
    ['/monthly?to=2025', 'to'],
    ['/scores?limit=0', 'limit'],
    ['/scores?limit=1001', 'limit'],
    ['/scores?limit=ten', 'limit'],
    ['/scores?limit=2.5', 'limit'],
    ['/scores?offset=-1', 'offset'],
    ['/scores?offset=1000001', 'offset'],
    ['/scores?min_prob=1.5', 'min_prob'],
    ['/scores?min_prob=0.8&max_prob=0.2', 'min_prob'],
    ['/scores?segment=Gold', 'segment'],
    ['/scores?segment=VIP,', 'segment'],
    ['/scores?sort=nom', 'sort'],
    ['/scores?sort=-email', 'sort'],
    ['/scores?limt=10', 'limt'],
    ['/scores/abc', 'id_client'],
    ['/scores/0', 'id_client'],
    ['/cohort?format=grid', 'format'],
    ['/kpis?as_of=2024-01-01', 'as_of'],
    ['/scores?segment=VIP&segment=Actifs', 'segment'],
  ];
  let app: ReturnType<typeof appFor>;
  let store: ReturnType<typeof openVariant>;
  beforeAll(() => {
    store = openVariant(variant, lake, mongoDb);
    app = appFor(store, lake);
  });
  afterAll(() => store.close());

  it.each(cases)('%s → 400 naming %s', async (path, parameter) => {
    const answer = await get(app, path);
    expectError(answer, 400, 'BAD_INPUT');
    expect(answer.body.error?.details['parameter']).toBe(parameter);
    expect(answer.body.error?.message).toContain(`'${parameter}'`);
  });

  it('unknown paths and clients → 404, other methods than GET/HEAD/OPTIONS → 405 with Allow', async () => {
    expectError(await get(app, '/nope'), 404, 'NOT_FOUND');
    expectError(await get(app, '/kpis/extra'), 404, 'NOT_FOUND');
    expectError(await get(app, '/scores/99999999'), 404, 'NOT_FOUND');
    for (const method of ['POST', 'DELETE', 'PATCH', 'PROPFIND']) {
      const response = await app.request('/kpis', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });
});

describe('empty collections and nothing published → 503', () => {
  it('a gold table published empty answers 503 on its endpoint only, on both stores', async () => {
    const emptied = join(tempDir('electrolake-emptied-'), 'lake');
    // verbatimSymlinks: the lake's layer links are relative (into its current snapshot) and must stay inside the copy.
    cpSync(lake, emptied, { recursive: true, verbatimSymlinks: true });
    // Rewrites segment_summary with no rows (same columns) and publishes that lake.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const file = join(emptied, 'gold', 'segment_summary.parquet');
    await connection.run(`COPY (SELECT * FROM read_parquet('${file}') LIMIT 0) TO '${file}.new' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    renameSync(`${file}.new`, file);
    publish(emptied, 'embedded');
    publish(emptied, 'mongo', emptyDb);

    for (const variant of ['embedded (published file)', 'embedded (gold Parquet, not published)', 'mongo'] as const) {
      const store = openVariant(variant, emptied, emptyDb);
      try {
        const app = appFor(store, emptied);
        const answer = await get(app, '/segments');
        expectError(answer, 503, 'EMPTY');
        expect(answer.body.error?.details['table']).toBe('segment_summary');
        expect((await get(app, '/kpis')).status).toBe(200);
      } finally {
        await store.close();
      }
    }
  });

  it('a Mongo database never published answers 503 EMPTY, and /health says the store answers', async () => {
    const never = testDbName('never');
    const store = new MongoStore({ uri: MONGO_URI, db: never });
    try {
      const app = appFor(store, lake);
      for (const path of ['/kpis', '/scores', '/scores/1', '/daily', '/cohort?format=matrix']) expectError(await get(app, path), 503, 'EMPTY');
      const health = await get(app, '/health');
      expect(health.status).toBe(200);
      expect(health.body.data).toMatchObject({ store: 'mongo', run_id: null });
    } finally {
      await store.close();
      await dropDatabase(never); // the server may have created it on the first read
    }
  });

  it('the embedded store on a missing lake answers 503, then serves once the lake is there (no restart)', async () => {
    const later = join(tempDir('electrolake-later-'), 'lake');
    const store = new EmbeddedStore({ lake: new LocalLake(later, 'unused'), snapshot: join(later, 'serving', 'gold.duckdb'), recheckMs: 50 });
    try {
      const app = appFor(store, later);
      expectError(await get(app, '/kpis'), 503, 'EMPTY');
      expectError(await get(app, '/runs/latest'), 503, 'EMPTY');
      cpSync(lake, later, { recursive: true }); // the lake arrives, published file included
      await new Promise((r) => setTimeout(r, 100));
      const answer = await get(app, '/kpis');
      expect(answer.status).toBe(200);
      expect(answer.body.meta?.['source']).toBe('embedded:gold.duckdb'); // never the path
    } finally {
      await store.close();
    }
  });
});

describe('MongoDB down → 503, back → 200 without a restart', () => {
  const target = mongoHostPort(MONGO_URI);
  const proxy = new TcpProxy(target.host, target.port);
  let store: MongoStore;
  afterAll(async () => {
    await store?.close();
    await proxy.down();
  });

  it('answers 503 UNAVAILABLE quickly while the server is unreachable, and recovers when it is back', async () => {
    await proxy.up();
    store = new MongoStore({ uri: viaProxy(MONGO_URI, proxy.port), db: mongoDb, serverSelectionTimeoutMS: 1_000 });
    const app = appFor(store, lake);
    const before = await get(app, '/kpis');
    expect(before.status).toBe(200);

    await proxy.down();
    for (const path of ['/kpis', '/scores?limit=5', '/health']) {
      const started = performance.now();
      const answer = await get(app, path);
      expectError(answer, 503, 'UNAVAILABLE');
      expect(performance.now() - started).toBeLessThan(5_000);
    }
    expect((await get(app, '/health')).body.error?.details).toMatchObject({ store: 'mongo', status: 'unavailable' });

    await proxy.up();
    let after: Answer | undefined;
    for (let i = 0; i < 40 && after?.status !== 200; i++) {
      after = await get(app, '/kpis');
      if (after.status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(after?.status).toBe(200);
    expect(after?.body.data).toEqual(before.body.data);
    expect((await get(app, '/health')).status).toBe(200);
  });

  it('starts while the server is unreachable and serves once it answers', async () => {
    await proxy.down();
    const late = new MongoStore({ uri: viaProxy(MONGO_URI, proxy.port), db: mongoDb, serverSelectionTimeoutMS: 1_000 });
    try {
      const app = appFor(late, lake);
      expectError(await get(app, '/segments'), 503, 'UNAVAILABLE');
      await proxy.up();
      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        status = (await get(app, '/segments')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    } finally {
      await late.close();
    }
  });
});

describe('CORS, dashboard hook, lake documents and request log', () => {
  it('CORS is off by default; the origins given are allowed GET, HEAD and OPTIONS only', async () => {
    const store = openVariant('embedded (published file)', lake, mongoDb);
    try {
      const closed = await get(appFor(store, lake), '/kpis', { origin: 'http://localhost:5173' });
      expect(closed.headers.get('access-control-allow-origin')).toBeNull();
      const app = appFor(store, lake, { corsOrigins: ['http://localhost:5173'] });
      const answer = await get(app, '/kpis', { origin: 'http://localhost:5173' });
      expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const other = await get(app, '/kpis', { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await app.request('/scores', {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-evil' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization'); // never echoes what is asked
    } finally {
      await store.close();
    }
  });

  it('lists the endpoints at / without a dashboard, and serves web/dist when there is one', async () => {
    const store = openVariant('embedded (published file)', lake, mongoDb);
    try {
      const index = await get(appFor(store, lake), '/');
      expect(index.status).toBe(200);
      expect((index.body as unknown as { endpoints: { path: string }[] }).endpoints.map((e) => e.path)).toContain('/scores');

      const dist = tempDir('electrolake-dist-');
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>tableau de bord</title>');
      writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
      const app = appFor(store, lake, { staticDir: dist });
      const page = await app.request('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('tableau de bord');
      const asset = await app.request('/assets/app.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable'); // content-hashed names
      const route = await app.request('/ventes', { headers: { accept: 'text/html' } });
      expect(await route.text()).toContain('tableau de bord'); // a browser on a dashboard route gets the app
      expectError(await get(app, '/ventes'), 404, 'NOT_FOUND'); // an API client does not
      expect((await get(app, '/kpis')).status).toBe(200); // the API wins over files
    } finally {
      await store.close();
    }
  });

  it('answers 503 with the command to run when a lake document is missing', async () => {
    const store = openVariant('embedded (published file)', lake, mongoDb);
    try {
      const app = appFor(store, lake);
      const quality = await get(app, '/quality');
      expectError(quality, 503, 'EMPTY');
      expect(quality.body.error?.details['hint']).toBe('electrolake check');
      const benchmark = await get(app, '/benchmark');
      expectError(benchmark, 503, 'EMPTY');
      expect(benchmark.body.error?.details['hint']).toMatch(/electrolake bench/);
      mkdirSync(join(lake, '_metrics'), { recursive: true });
      writeFileSync(join(lake, '_metrics', 'benchmark.json'), JSON.stringify({ results: [{ engine: 'duckdb', seconds: 1 }] }));
      const found = await get(app, '/benchmark');
      expect(found.status).toBe(200);
      expect(found.body.data).toEqual({ results: [{ engine: 'duckdb', seconds: 1 }] });
    } finally {
      await store.close();
    }
  });

  it('logs one line per request with status and time', async () => {
    const store = openVariant('embedded (published file)', lake, mongoDb);
    const lines: string[] = [];
    try {
      const app = appFor(store, lake, { log: (line) => lines.push(line) });
      await get(app, '/kpis');
      await get(app, '/scores?limit=0');
      expect(lines[0]).toMatch(/ GET \/kpis 200 \d+\.\d+ms$/);
      expect(lines[1]).toMatch(/ GET \/scores\?limit=0 400 \d+\.\d+ms$/);
    } finally {
      await store.close();
    }
  });
});
