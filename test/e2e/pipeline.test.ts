import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACHAT_REASONS } from '../../src/pipeline/silver/achats.ts';
import { CLIENT_REASONS } from '../../src/pipeline/silver/clients.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, tempDir } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';

describe('generate → run → check on dirty data (DuckDB, local lake)', () => {
  const dir = tempDir();
  const sources = join(dir, 'sources');
  const lake = join(dir, 'lake');

  it('generates deterministic sources', () => {
    const first = cli(['generate', '--scale', '0.5', '--seed', '7', '--dirty', '0.08', '--out', sources]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/generated 5,000 clients/);
    const again = cli(['generate', '--scale', '0.5', '--seed', '7', '--dirty', '0.08', '--out', join(dir, 'again')]);
    expect(again.status).toBe(0);
    for (const file of ['clients.csv', 'achats.csv']) {
      expect(readFileSync(join(dir, 'again', file), 'utf8')).toBe(readFileSync(join(sources, file), 'utf8'));
    }
  });

  it('runs bronze → silver → gold and reconciles every row', async () => {
    const run = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/silver {2}achats/); // progress lines
    const manifest = JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as RunManifest;
    expect(manifest.status).toBe('succeeded');
    expect(manifest.engine).toBe('duckdb');
    expect(manifest.as_of).toBe('2025-12-31');
    for (const name of ['clients', 'achats'] as const) {
      const r = manifest.reconciliation[name]!;
      expect(r.ok).toBe(true);
      expect(r.bronze).toBe(r.silver + r.quarantine + r.duplicates);
      expect(r.duplicates).toBeGreaterThan(0);
    }
    // every defect class injected by --dirty is caught and counted
    for (const reason of ACHAT_REASONS) expect(manifest.quarantine_by_reason['achats']?.[reason], reason).toBeGreaterThan(0);
    for (const reason of CLIENT_REASONS) expect(manifest.quarantine_by_reason['clients']?.[reason], reason).toBeGreaterThan(0);
    for (const count of Object.values(manifest.repairs['achats'] ?? {})) expect(count).toBeGreaterThan(0);
    for (const count of Object.values(manifest.repairs['clients'] ?? {})) expect(count).toBeGreaterThan(0);

    // counts in the manifest are the counts in the files
    const quarantine = await readParquet(join(lake, 'silver/quarantine_achats.parquet'));
    expect(quarantine).toHaveLength(manifest.reconciliation['achats']!.quarantine);
    const byReason: Record<string, number> = {};
    for (const row of quarantine) byReason[String(row['_reason'])] = (byReason[String(row['_reason'])] ?? 0) + 1;
    expect(byReason).toEqual(Object.fromEntries(Object.entries(manifest.quarantine_by_reason['achats']!).filter(([, n]) => n > 0)));
    expect(await readParquet(join(lake, 'gold/fact_achats.parquet'))).toHaveLength(manifest.stages.silver['achats']!);
  });

  it('passes every check', () => {
    const check = cli(['check', '--lake', lake]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('fails check with a readable report when gold is broken', async () => {
    const broken = join(dir, 'broken');
    cli(['run', '--sources', sources, '--lake', broken, '--run-date', '2026-01-15']);
    const { DuckDbEngine } = await import('../../src/engines/duckdb/engine.ts');
    const engine = await DuckDbEngine.create();
    const path = join(broken, 'gold/client_scores.parquet');
    await engine.registerView('s', { format: 'parquet', path });
    await engine.writeParquet(`SELECT * REPLACE (CASE WHEN id_client % 2 = 0 THEN 1.5 ELSE prob_reachat_12m END AS prob_reachat_12m) FROM s`, `${path}.new`);
    await engine.close();
    const { renameSync } = await import('node:fs');
    renameSync(`${path}.new`, path);
    const check = cli(['check', '--lake', broken]);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/✗ client_scores: scores present and in range .* — \d+ failing/);
    expect(check.stderr.trim()).toBe('electrolake: 1 check(s) failed');
  });
});
