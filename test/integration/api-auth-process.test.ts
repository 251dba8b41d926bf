/**
 * Tokens end to end through the real command line and a real `serve`:
 * `token create` prints a token once and stores only its hash; `serve`
 * refuses a non-loopback address without tokens (unless --no-auth, which
 * warns); a revoke takes effect without a restart; `audit` prints who saw
 * people; Node's own refusals (431, unknown method) are JSON; the request
 * log escapes control characters.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { freePort, startServe, type RunningServer } from '../support/serve.ts';
import { buildLake } from '../support/serving.ts';

const dir = tempDir('electrolake-auth-process-');
let lake = '';

beforeAll(() => {
  lake = buildLake(dir, { scale: 0.05, seed: 3 });
});

function token(args: string[]) {
  return cli(['token', ...args, '--lake', lake]);
}

/** A raw HTTP/1.1 exchange, for requests `fetch` will not send. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
  });
}

describe('without tokens', () => {
  it('refuses a non-loopback address, one clear line and exit 2', async () => {
    const refused = cli(['serve', '--lake', lake, '--host', '0.0.0.0', '--port', String(await freePort())]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refusing to serve on 0\.0\.0\.0 without API tokens.*--no-auth/);
  });

  it('serves a non-loopback address with --no-auth, warning at start', async () => {
    const server = await startServe(['--lake', lake, '--host', '0.0.0.0', '--no-auth']);
    try {
      expect(server.output()).toMatch(/warning: --no-auth/);
      expect((await fetch(`${server.url}/kpis`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('with tokens', () => {
  let server: RunningServer;
  let sales = '';

  beforeAll(async () => {
    const created = token(['create', '--name', 'alice', '--role', 'sales']);
    expect(created.status, created.stderr).toBe(0);
    sales = created.stdout.trim();
    expect(sales).toMatch(/^elk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    server = await startServe(['--lake', lake, '--host', '0.0.0.0']);
  });
  afterAll(() => server.stop());

  it('stores only a salted hash, and lists names, roles and last use', async () => {
    const file = readFileSync(join(lake, '_auth', 'tokens.json'), 'utf8');
    expect(file).not.toContain(sales);
    expect(file).not.toContain(sales.split('_')[2]);
    expect(JSON.parse(file)).toMatchObject({ tokens: [{ name: 'alice', role: 'sales', salt: expect.any(String), hash: expect.any(String) }] });
    expect(token(['create', '--name', 'alice', '--role', 'viewer']).status).toBe(2); // names are unique
    const listed = token(['list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([{ name: 'alice', role: 'sales', created_at: expect.any(String), last_used: null }]);
  });

  it('answers with the token, 401 without, and stops accepting a revoked token without a restart', async () => {
    expect((await fetch(`${server.url}/kpis`)).status).toBe(401);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const ok = await fetch(`${server.url}/scores?limit=3`, { headers: { authorization: `Bearer ${sales}` } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: Record<string, unknown>[] }).data[0]).toHaveProperty('nom');

    expect(token(['revoke', 'alice']).status).toBe(0);
    let status = 0;
    for (let i = 0; i < 20 && status !== 401; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await fetch(`${server.url}/kpis`, { headers: { authorization: `Bearer ${sales}` } })).status;
    }
    expect(status).toBe(401);
    expect(token(['revoke', 'alice']).status).toBe(2); // already gone: NOT_FOUND → exit 2
    // The last token gone, a non-loopback server stays locked rather than open.
    expect((await fetch(`${server.url}/kpis`)).status).toBe(401);
  });

  it('answers 431 and unknown methods with JSON', async () => {
    const long = await fetch(`${server.url}/scores?pays=${'x'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('HEADERS_TOO_LARGE');
    const foo = await raw(server.url, 'FOO /kpis HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(foo).toMatch(/^HTTP\/1\.1 405 /);
    expect(foo).toMatch(/\r\nAllow: GET, HEAD, OPTIONS\r\n/);
    expect(JSON.parse(foo.slice(foo.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
    const trace = await raw(server.url, 'TRACE /kpis HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(trace).toMatch(/^HTTP\/1\.1 405 /);
    expect(trace.toLowerCase()).toContain('allow: get, head, options');
  });

  it('writes no forged line in the log', async () => {
    await fetch(`${server.url}/nope%0a2026-12-01T00:00:00.000Z%20GET%20/admin%20200`);
    await new Promise((r) => setTimeout(r, 500)); // the log is flushed every 200 ms
    expect(server.output()).toContain('/nope\\x0a2026-12-01T00:00:00.000Z GET /admin 200 404');
    expect(server.output()).not.toMatch(/^2026-12-01T00:00:00.000Z GET \/admin/m);
  });
});

describe('audit', () => {
  it('prints the lines of answers with personal data, --since filters them', async () => {
    const created = token(['create', '--name', 'bob', '--role', 'admin']);
    const admin = created.stdout.trim();
    const server = await startServe(['--lake', lake]);
    try {
      const answer = await fetch(`${server.url}/scores?limit=4`, { headers: { authorization: `Bearer ${admin}` } });
      expect(answer.status).toBe(200);
    } finally {
      await server.stop(); // flushes the audit log
    }
    const printed = cli(['audit', '--lake', lake]);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T\S+ bob \/scores 4$/m);
    expect(cli(['audit', '--lake', lake, '--since', '2999-01-01']).stdout).toBe('');
    expect(cli(['audit', '--lake', lake, '--since', 'yesterday']).status).not.toBe(0);
  });
});
