/**
 * `electrolake serve` as a process: PORT, the request log, a port already
 * taken, and a graceful shutdown that lets a request in flight finish.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli, REPO, tempDir } from '../support/cli.ts';
import { freePort, startServe } from '../support/serve.ts';

const dir = tempDir('electrolake-serve-');
const lake = join(dir, 'lake');

describe('electrolake serve', () => {
  const servers: { stop: () => Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('serves the lake on PORT with one log line per request', async () => {
    expect(cli(['generate', '--scale', '0.1', '--seed', '3', '--out', join(dir, 'sources')]).status).toBe(0);
    expect(cli(['run', '--sources', join(dir, 'sources'), '--lake', lake]).status).toBe(0);
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--lake', lake, '--store', 'embedded'], {
      cwd: REPO,
      env: { ...process.env, PORT: String(port), MONGO_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    servers.push({ stop: async () => void (child.exitCode === null && child.kill('SIGKILL')) });
    let response: Response | undefined;
    for (let i = 0; i < 100 && !response; i++) {
      response = await fetch(`http://127.0.0.1:${port}/kpis`).catch(() => undefined);
      if (!response) await new Promise((r) => setTimeout(r, 200));
    }
    expect(response?.status).toBe(200);
    expect(((await response?.json()) as { meta: { source: string } }).meta.source).toContain('(not published)');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/electrolake API on http:\/\/127\.0\.0\.1:\d+ \(embedded store/);
    expect(output).toMatch(/GET \/kpis 200 [\d.]+ms/);
    expect(output).toMatch(/SIGTERM: finishing requests in flight, then stopping\n(.*\n)*stopped\n$/);
  });

  it('refuses a port already taken with one line and exit 3', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = cli(['serve', '--lake', lake, '--store', 'embedded', '--port', String(port)]);
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(new RegExp(`^electrolake: cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE$`, 'm'));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it('lets a request in flight finish on SIGTERM, then exits 0', async () => {
    // A MongoDB that does not answer makes /kpis wait for the server selection
    // timeout (1.5 s): a request that is surely in flight when SIGTERM comes.
    const nobody = await freePort();
    const server = await startServe(['--lake', lake, '--store', 'mongo', '--mongo-uri', `mongodb://127.0.0.1:${nobody}`]);
    const pending = fetch(`${server.url}/kpis`);
    await new Promise((r) => setTimeout(r, 300));
    const stopping = performance.now();
    const stopped = server.stop();
    const response = await pending;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    await stopped;
    expect(performance.now() - stopping).toBeLessThan(5_000); // not the 10 s grace: it exits once the request is answered
    expect(server.output()).toMatch(/stopped\n$/);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
