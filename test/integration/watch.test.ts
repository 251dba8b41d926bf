import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RefreshNotice } from '../../src/ingest/notify.ts';
import type { Registry } from '../../src/ingest/registry.ts';
import { BIN, cli, REPO, tempDir } from '../support/cli.ts';

async function waitFor(what: string, check: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('watch: refreshes when new files have finished landing', () => {
  const dir = tempDir('watch-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');
  const notices: RefreshNotice[] = [];
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      notices.push(JSON.parse(body) as RefreshNotice);
      res.end('ok');
    });
  });
  let output = '';
  let watcher: ReturnType<typeof spawn> | undefined;
  const registry = (): Registry => (existsSync(join(lake, '_ingest/registry.json')) ? (JSON.parse(readFileSync(join(lake, '_ingest/registry.json'), 'utf8')) as Registry) : { files: [] });
  const registered = (name: string) => registry().files.find((f) => f.name === name);

  afterAll(() => {
    watcher?.kill('SIGKILL');
    hook.close();
  });

  it('ingests a slowly copied file only once complete, and calls the webhook on failure and on recovery', { timeout: 300_000 }, async () => {
    expect(cli(['generate', '--scale', '0.05', '--seed', '9', '--days-per-file', '1500', '--out', landing]).status).toBe(0);
    hook.listen(0, '127.0.0.1');
    await once(hook, 'listening');
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    watcher = spawn(process.execPath, [BIN, 'watch', '--from', landing, '--lake', lake, '--store', 'embedded', '--model', 'heuristic', '--interval', '0.5', '--notify-url', url], {
      cwd: REPO, env: { ...process.env, MONGO_URI: '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    watcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor('the first refresh', () => /refresh publish ok/.test(output));

    // A night's file copied in 20 chunks, 150 ms apart (a chunk lands at nearly every poll).
    const name = 'achats_2025-12-31.csv';
    const path = join(landing, name);
    writeFileSync(path, 'id_achat,id_client,date_achat,montant,produit\n');
    for (let i = 1; i <= 20; i++) {
      appendFileSync(path, `${9_000_000 + i},${i},2025-12-31,${100 + i}.00,Four\n`);
      await sleep(150);
      expect(registered(name), `chunk ${i}: a file still landing is not ingested`).toBeUndefined();
    }
    await waitFor('the slow file to be ingested', () => registered(name) !== undefined);
    expect(registered(name)?.rows).toBe(20);
    await waitFor('its refresh', () => output.split('refresh publish ok').length === 3);
    expect(notices).toEqual([]); // nothing to say while all goes well

    // A bad file: the refresh fails at ingest, the webhook hears it once, watching goes on.
    writeFileSync(join(landing, 'clients_2025-12-31.csv'), 'id_client;nom;email;pays;date_inscription\n1;A;a@b.fr;France;2020-01-01\n');
    await waitFor('the failure notice', () => notices.length === 1);
    expect(notices[0]).toMatchObject({ status: 'failed', step: 'ingest' });
    expect(notices[0]?.text).toContain('refresh failed at ingest');
    await sleep(2000);
    expect(notices, 'the same bad file is not retried (nor notified) until it changes').toHaveLength(1);

    writeFileSync(join(landing, 'clients_2025-12-31.csv'), 'id_client,nom,email,pays,date_inscription\n1,A B,a@b.fr,Belgique,2020-01-01\n');
    await waitFor('the recovery notice', () => notices.length === 2);
    expect(notices[1]).toMatchObject({ status: 'recovered', step: null, counts: { files: 1, rows: 1 } });
    expect(watcher.exitCode).toBeNull();

    watcher.kill('SIGTERM');
    const [code] = (await once(watcher, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('watch   stopped');
  });
});
