import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RefreshStatus } from '../../src/ingest/refresh-status.ts';
import { openLake } from '../../src/lake/open.ts';
import { openStore } from '../../src/serving/open.ts';
import { cli, tempDir } from '../support/cli.ts';
import { appFor, data } from '../support/serving.ts';

/** What `/health` says of refreshes. */
async function healthRefresh(lakeDir: string): Promise<unknown> {
  const store = await openStore({ lake: await openLake({ lake: lakeDir }), store: 'embedded' });
  try {
    return (await data<{ refresh: unknown }>(appFor(store, lakeDir), '/health')).refresh;
  } finally {
    await store.close();
  }
}

/** The run the embedded serving store publishes. */
async function publishedRun(lakeDir: string): Promise<string | null> {
  const store = await openStore({ lake: await openLake({ lake: lakeDir }), store: 'embedded' });
  try {
    return (await store.info()).run_id;
  } finally {
    await store.close();
  }
}

const status = (lake: string): RefreshStatus => JSON.parse(readFileSync(join(lake, '_refresh/status.json'), 'utf8')) as RefreshStatus;

describe('refresh: ingest → run → check → publish', () => {
  const dir = tempDir('refresh-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');
  const refresh = () => cli(['refresh', '--from', landing, '--lake', lake, '--store', 'embedded', '--model', 'heuristic'], { env: { MONGO_URI: '' } });

  it("a bad night's file stops the refresh at its step, exits non-zero naming it, and yesterday's publication stays served", { timeout: 300_000 }, async () => {
    expect(cli(['generate', '--scale', '0.1', '--seed', '3', '--days-per-file', '1000', '--out', landing]).status).toBe(0);
    const good = refresh();
    expect(good.status, good.stderr).toBe(0);
    for (const step of ['ingest', 'run', 'check', 'publish']) expect(good.stderr).toMatch(new RegExp(`refresh ${step} +ok`));
    const yesterday = await publishedRun(lake);
    expect(yesterday).toBe(status(lake).last_success_run_id);

    writeFileSync(join(landing, 'achats_2025-12-31.csv'), 'id_achat;id_client;date_achat;montant;produit\n1;2;2025-12-31;10;Four\n');
    const bad = refresh();
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/refresh ingest +FAILED/);
    expect(bad.stderr).toContain('electrolake: refresh failed at ingest: achats_2025-12-31.csv was not ingested: wrong separator');
    expect(bad.stderr).not.toMatch(/refresh run /);
    expect(await publishedRun(lake)).toBe(yesterday);
    expect(status(lake)).toMatchObject({ status: 'failed', step: 'ingest', last_success_run_id: yesterday });
    expect(await healthRefresh(lake)).toEqual({
      last_success_at: status(lake).last_success_at, last_attempt_at: status(lake).finished_at, last_attempt_failed: true, failed_step: 'ingest',
    });

    // The export is fixed overnight: the next refresh goes through and publishes a new run.
    rmSync(join(landing, 'achats_2025-12-31.csv'));
    writeFileSync(join(landing, 'achats_2025-12-31.csv'), 'id_achat,id_client,date_achat,montant,produit\n9000001,1,2025-12-31,10.00,Four\n');
    const fixed = refresh();
    expect(fixed.status, fixed.stderr).toBe(0);
    const today = await publishedRun(lake);
    expect(today).not.toBe(yesterday);
    expect(status(lake)).toMatchObject({ status: 'succeeded', step: null, last_success_run_id: today, counts: { files: 1, rows: 1 } });
    expect(await healthRefresh(lake)).toMatchObject({ last_attempt_failed: false, failed_step: null, last_success_at: status(lake).finished_at });
  });
});
