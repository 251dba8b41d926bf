/**
 * Sums over no rows are 0 (issue 13): with clients but no purchase at all,
 * and a past `--as-of`, `run` succeeds and `check` passes on every gold
 * table (a SQL sum over no rows is NULL: neither the gold tables nor the
 * checks may let it through).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';

describe('a lake without any purchase', () => {
  it('runs with --as-of, sums to 0 in every gold table, and passes check', async () => {
    const dir = tempDir('electrolake-no-purchases-');
    const sources = join(dir, 'sources');
    const lake = join(dir, 'lake');
    mkdirSync(sources);
    writeFileSync(join(sources, 'clients.csv'), 'id_client,nom,email,pays,date_inscription\n1,Ana Martin,ana@exemple.fr,France,2020-01-01\n2,Bob Petit,bob@exemple.fr,Belgique,2021-05-02\n');
    writeFileSync(join(sources, 'achats.csv'), 'id_achat,id_client,date_achat,montant,produit\n');

    const run = cli(['run', '--sources', sources, '--lake', lake, '--as-of', '2025-06-30', '--run-date', '2026-01-15']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/achats +bronze 0 = silver 0 \+ quarantine 0 \+ duplicates 0 ✓/);

    const [kpis] = await readParquet(join(lake, 'gold/kpis.parquet'));
    expect(kpis).toMatchObject({ ca_total: 0, n_achats: 0, ca_12m: 0, clients_actifs_12m: 0, sum_expected_value_12m: 0, sum_value_at_risk_12m: 0 });
    for (const row of await readParquet(join(lake, 'gold/segment_summary.parquet'))) {
      expect(row).toMatchObject({ sum_expected_value_12m: 0, sum_value_at_risk_12m: 0 });
    }
    for (const row of await readParquet(join(lake, 'gold/distribution.parquet'))) expect(row).toMatchObject({ n_achats: 0, ca: 0 });
    for (const row of await readParquet(join(lake, 'gold/client_features.parquet'))) {
      expect(row).toMatchObject({ freq_12m: 0, monetary_12m: 0, total_orders_all: 0, total_spend_all: 0 });
    }

    const check = cli(['check', '--lake', lake]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\d+ passed, 0 failed/);
  });
});
