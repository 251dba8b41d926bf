/**
 * Who may see what, on the embedded store and on MongoDB: without a token
 * 401 (WWW-Authenticate: Bearer) everywhere but /health once a token
 * exists; each role on every endpoint (403 above it); viewer answers
 * without names or e-mails; sales answers with them, audited in the lake;
 * page size per role; 429 with Retry-After over the rate.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessOf } from '../../src/api/access.ts';
import { ROUTES } from '../../src/api/routes/index.ts';
import { AuditLog, readAudit } from '../../src/auth/audit-log.ts';
import { allows, type Role } from '../../src/auth/roles.ts';
import { TokenRegistry } from '../../src/auth/token-registry.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import type { ServingStore } from '../../src/serving/store.ts';
import { bearer, concrete, tokensFor } from '../support/auth.ts';
import { tempDir } from '../support/cli.ts';
import { appFor, buildLake, dropDatabase, get, openVariant, publish, testDbName } from '../support/serving.ts';

const dir = tempDir('electrolake-api-auth-');
let lakeDir = '';
let lake: LocalLake;
const mongoDb = testDbName('auth');
let tokens: Record<Role, string>;

beforeAll(async () => {
  lakeDir = buildLake(dir, { scale: 0.2, seed: 14 });
  publish(lakeDir, 'embedded');
  publish(lakeDir, 'mongo', mongoDb);
  lake = new LocalLake(lakeDir, join(dir, 'sources'));
  tokens = await tokensFor(lake);
});

afterAll(async () => {
  await dropDatabase(mongoDb);
});

describe.each(['embedded (published file)', 'mongo'] as const)('roles on the %s store', (variant) => {
  let store: ServingStore;
  let audit: AuditLog;
  let app: ReturnType<typeof appFor>;
  let idClient = 0;

  beforeAll(async () => {
    store = openVariant(variant, lakeDir, mongoDb);
    audit = new AuditLog(lake, 60_000);
    app = appFor(store, lakeDir, { audit, auth: { tokens: new TokenRegistry(lake), rateLimit: null } });
    const first = await get(app, '/scores?limit=1', bearer(tokens.admin));
    idClient = Number((first.body.data as { id_client: number }[])[0]?.id_client);
    expect(idClient).toBeGreaterThan(0);
  });
  afterAll(() => store.close());

  it('asks for a token everywhere but /health: 401 with WWW-Authenticate, JSON', async () => {
    expect((await get(app, '/health')).status).toBe(200);
    for (const path of [...ROUTES.map((r) => r.path).filter((p) => p !== '/health'), '/openapi.json']) {
      for (const headers of [{}, bearer('elk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), { authorization: 'Basic YTpi' }, bearer(`${tokens.admin}x`)]) {
        const answer = await get(app, concrete(path, idClient), headers);
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body.error?.code).toBe('UNAUTHORIZED');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
  });

  it.each(['viewer', 'sales', 'admin'] as const)('the %s role on every endpoint: 200 (or 503 for a missing lake document) where allowed, 403 above it', async (role) => {
    for (const route of ROUTES) {
      const access = accessOf(route.path);
      const answer = await get(app, concrete(route.path, idClient), bearer(tokens[role]));
      if (access.role === 'public' || allows(role, access.role)) {
        expect([200, 503], `${role} ${route.path}: ${JSON.stringify(answer.body.error)}`).toContain(answer.status);
        if (answer.status === 503) expect(answer.body.error?.code).toBe('EMPTY');
      } else {
        expect(answer.status, `${role} ${route.path}`).toBe(403);
        expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN', details: { role, needs: access.role } });
      }
    }
    expect((await get(app, '/openapi.json', bearer(tokens[role]))).status).toBe(200);
  });

  it('viewer answers carry no nom or email (absent, not null); sales answers do', async () => {
    const viewer = (await get(app, '/scores?limit=20', bearer(tokens.viewer))).body.data as Record<string, unknown>[];
    expect(viewer).toHaveLength(20);
    for (const row of viewer) {
      expect(row).not.toHaveProperty('nom');
      expect(row).not.toHaveProperty('email');
      expect(row['prob_reachat_12m']).toEqual(expect.any(Number));
    }
    const one = (await get(app, `/scores/${idClient}`, bearer(tokens.viewer))).body.data as Record<string, unknown>;
    expect(one).not.toHaveProperty('nom');
    const sales = (await get(app, '/scores?limit=20', bearer(tokens.sales))).body.data as Record<string, unknown>[];
    expect(sales.every((r) => 'nom' in r)).toBe(true);
  });

  it('writes one audit line per answer with personal data: time, token, endpoint, clients', async () => {
    // The earlier tests' lines are written, and stamped a few milliseconds
    // before `since` (on a fast store they shared its millisecond).
    await audit.flush();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await get(app, '/scores?limit=7', bearer(tokens.sales));
    await get(app, `/scores/${idClient}`, bearer(tokens.admin));
    await get(app, '/scores?limit=9', bearer(tokens.viewer)); // no names: not audited
    await get(app, '/kpis', bearer(tokens.sales)); // no people: not audited
    await audit.flush();
    const lines = await readAudit(lake, since);
    expect(lines.map(({ token, endpoint, clients }) => ({ token, endpoint, clients }))).toEqual([
      { token: 'sales-test', endpoint: '/scores', clients: 7 },
      { token: 'admin-test', endpoint: '/scores/{id_client}', clients: 1 },
    ]);
    expect(Date.parse(lines[0]?.time ?? '')).toBeGreaterThanOrEqual(Date.parse(since));
  });

  it('limits the page size per role', async () => {
    const big = await get(app, '/scores?limit=501', bearer(tokens.sales));
    expect(big.status).toBe(400);
    expect(big.body.error?.details).toMatchObject({ parameter: 'limit' });
    expect((await get(app, '/scores?limit=500', bearer(tokens.sales))).status).toBe(200);
    expect((await get(app, '/scores?limit=1000', bearer(tokens.viewer))).status).toBe(200);
  });

  it('stops a query whose time limit has passed: 503 JSON', async () => {
    const signal = AbortSignal.abort(new DOMException('time limit', 'TimeoutError'));
    await expect(store.find('client_scores', { sort: [{ field: 'recency_days', direction: 'asc' }], limit: 10, signal })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      httpStatus: 503,
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token has used its burst, per token', async () => {
    const store = openVariant('embedded (published file)', lakeDir, mongoDb);
    try {
      const app = appFor(store, lakeDir, { auth: { tokens: new TokenRegistry(lake), rateLimit: { perSecond: 1, burst: 3 } } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(app, '/kpis', bearer(tokens.viewer))).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await get(app, '/kpis', bearer(tokens.viewer));
      expect(limited.body.error?.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await get(app, '/kpis', bearer(tokens.sales))).status).toBe(200); // another token has its own bucket
    } finally {
      await store.close();
    }
  });
});
