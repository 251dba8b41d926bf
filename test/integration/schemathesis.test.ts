/**
 * schemathesis (`--checks all`) against a real `electrolake serve` with an
 * admin token: every operation of /openapi.json, generated valid and
 * invalid requests, each answer checked against the document (status,
 * content type, headers, body schema), 5xx never. Installed from PyPI by
 * scripts/services/schemathesis.sh (pinned); a missing install fails here.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/token-file.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { cli, REPO, tempDir } from '../support/cli.ts';
import { startServe, type RunningServer } from '../support/serve.ts';
import { buildLake, publish } from '../support/serving.ts';

const VERSION = process.env['SCHEMATHESIS_VERSION'] ?? '4.32.5';
const ST = join(REPO, '.cache/schemathesis-venv', VERSION, 'bin/st');

describe('schemathesis --checks all', () => {
  let server: RunningServer;
  let token = '';

  beforeAll(async () => {
    if (!existsSync(ST)) throw new Error(`schemathesis not installed at ${ST}: run \`bash scripts/services/schemathesis.sh install\``);
    const dir = tempDir('electrolake-schemathesis-');
    const lake = buildLake(dir, { scale: 0.05, seed: 21 });
    publish(lake, 'embedded');
    const check = cli(['check', '--lake', lake]);
    expect(check.status, check.stderr).toBe(0);
    const bench = cli(['bench', '--scale', '0.01', '--lake', lake, '--out', join(dir, 'benchmark.json'), '--work-dir', join(dir, 'bench')]);
    expect(bench.status, bench.stderr).toBe(0);
    token = (await createToken(new LocalLake(lake, join(dir, 'sources')), 'schemathesis', 'admin')).token;
    server = await startServe(['--lake', lake, '--store', 'embedded', '--rate-limit', '0', '--quiet']);
  });
  afterAll(() => server?.stop());

  it('finds no failure on any operation', async () => {
    const args = [
      '--config-file', join(REPO, 'test/schemathesis/schemathesis.toml'),
      'run', `${server.url}/openapi.json`,
      '--checks', 'all',
      '--header', `Authorization: Bearer ${token}`,
      '--max-examples', '15',
      '--workers', '1',
      '--generation-deterministic',
      '--no-color',
    ];
    const child = spawn(ST, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toMatch(/Tested: (\d+)/);
    expect(Number(/Selected: (\d+)\//.exec(output)?.[1])).toBeGreaterThanOrEqual(19);
    expect(status, output.slice(-6_000)).toBe(0);
  });
});
