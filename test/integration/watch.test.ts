import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { noticeHook, registeredFiles, waitFor, WatchProcess } from '../support/watch.ts';

describe('watch: refreshes when new files have finished landing', () => {
  const dir = tempDir('watch-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');
  const closers: (() => void)[] = [];
  const registered = (name: string) => registeredFiles(lake, name)[0];

  afterAll(() => {
    for (const close of closers) close();
  });

  it('ingests a slowly copied file only once complete, and calls the webhook on failure and on recovery', { timeout: 300_000 }, async () => {
    expect(cli(['generate', '--scale', '0.05', '--seed', '9', '--days-per-file', '1500', '--out', landing]).status).toBe(0);
    const hook = await noticeHook();
    const { notices } = hook;
    closers.push(hook.close);
    const watcher = WatchProcess.start(['--from', landing, '--lake', lake, '--store', 'embedded', '--model', 'heuristic', '--interval', '0.5', '--notify-url', hook.url]);
    closers.push(() => watcher.kill());
    await waitFor('the first refresh', () => watcher.refreshes() === 1);

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
    await waitFor('its refresh', () => watcher.refreshes() === 2);
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
    expect(watcher.child.exitCode).toBeNull();

    expect(await watcher.stop()).toBe(0);
    expect(watcher.output).toContain('watch   stopped');
  });
});
