/**
 * The HTTP surface: security headers on every answer, Cache-Control
 * no-store on data, strict numbers (digits only, plain decimals, empty is
 * an error), a bad value echoed once and cut, a request log that escapes
 * control characters, and no absolute path in any answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingStore } from '../../src/serving/store.ts';
import { tempDir } from '../support/cli.ts';
import { appFor, buildLake, get, openVariant } from '../support/serving.ts';

const dir = tempDir('electrolake-api-surface-');
let lake = '';
let store: ServingStore;
const logged: string[] = [];
let app: ReturnType<typeof appFor>;

beforeAll(() => {
  lake = buildLake(dir, { scale: 0.1, seed: 41 });
  store = openVariant('embedded (gold Parquet, not published)', lake, 'unused');
  app = appFor(store, lake, { log: (line) => logged.push(line) });
});
afterAll(() => store.close());

describe('headers', () => {
  it('sets the security headers on data, errors and the index, and no-store on data', async () => {
    for (const path of ['/kpis', '/nope', '/scores?limit=0', '/']) {
      const { headers } = await get(app, path);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(headers.get('cache-control'), path).toBe('no-store');
      expect(headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('answers OPTIONS with Allow, and HEAD like GET without a body', async () => {
    const options = await app.request('/kpis', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const head = await app.request('/kpis', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('strict numbers', () => {
  it.each([
    ['/scores?limit=1e2', 'limit'],
    ['/scores?limit=0x10', 'limit'],
    ['/scores?limit=+5', 'limit'],
    ['/scores?limit=%2010', 'limit'],
    ['/scores?limit=', 'limit'],
    ['/scores?offset=010', 'offset'],
    ['/scores?min_prob=0x1', 'min_prob'],
    ['/scores?min_prob=', 'min_prob'],
    ['/scores?max_prob=', 'max_prob'],
    ['/scores?min_prob=1e-1', 'min_prob'],
    ['/scores?min_prob=.5', 'min_prob'],
    ['/scores?max_prob=-0', 'max_prob'],
    ['/scores/1e3', 'id_client'],
    ['/scores/01', 'id_client'],
    ['/scores/%201', 'id_client'],
  ])('%s → 400 naming %s', async (path, parameter) => {
    const answer = await get(app, path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.error?.details['parameter']).toBe(parameter);
  });

  it('accepts plain integers and decimals', async () => {
    expect((await get(app, '/scores?limit=10&offset=0&min_prob=0.25&max_prob=1')).status).toBe(200);
    expect((await get(app, '/scores?min_prob=0&max_prob=1.0')).status).toBe(200);
  });

  it('echoes a bad value once, cut to 100 characters', async () => {
    const value = 'x'.repeat(10_000);
    const answer = await get(app, `/scores?segment=${value}`);
    expect(answer.status).toBe(400);
    const text = JSON.stringify(answer.body);
    expect(text.split('xxxxxxxxxx').length).toBeLessThan(20); // once, and short
    expect(String(answer.body.error?.details['value']).length).toBeLessThanOrEqual(101);
    expect(answer.body.error?.message).not.toContain('xxxx');
  });
});

describe('what answers and the log never show', () => {
  it('no absolute path in /health, meta.source, /runs/latest or errors', async () => {
    for (const path of ['/health', '/kpis', '/runs/latest', '/quality', '/benchmark', '/scores?limit=2']) {
      const answer = await get(app, path);
      expect(JSON.stringify(answer.body), path).not.toContain(dir);
    }
  });

  it('escapes control characters in the request log: one line per request, no NUL', async () => {
    logged.length = 0;
    await get(app, '/nope%0a2026-12-01T00:00:00.000Z%20GET%20/admin%20200');
    await get(app, '/nope%00%1b[31m');
    expect(logged).toHaveLength(2);
    for (const line of logged) {
      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      expect(line).not.toMatch(/[\n\r\u0000\u001b]/);
      expect(line).toMatch(/ 404 /);
    }
    expect(logged[0]).toContain('\\x0a');
    expect(logged[1]).toContain('\\x00');
  });
});
