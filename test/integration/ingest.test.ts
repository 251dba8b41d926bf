import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, cliOk, tempDir } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';
import { concatenateDated, expectSameGold } from '../support/ingest.ts';

const RUN = ['--engine', 'duckdb', '--model', 'heuristic', '--run-date', '2026-01-01'];

const ok = (args: string[]): string => cliOk(args);

const manifest = (lake: string): RunManifest => JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as RunManifest;

describe('ingest: dated files into a local lake (DuckDB)', () => {
  const dir = tempDir('ingest-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');

  it('three dated files ingested and run give the gold of one run over the files concatenated', { timeout: 300_000 }, async () => {
    ok(['generate', '--scale', '0.2', '--seed', '5', '--dirty', '0.02', '--days-per-file', '1000', '--out', landing]);
    expect(readdirSync(landing).filter((f) => f.startsWith('achats_'))).toHaveLength(3);
    const concatenated = join(dir, 'concatenated');
    mkdirSync(concatenated);
    concatenateDated(landing, concatenated);

    const out = ok(['ingest', '--from', landing, '--lake', lake]);
    expect(out).toContain('ingested 6 files');
    ok(['run', '--lake', lake, ...RUN]);
    ok(['run', '--sources', concatenated, '--lake', join(dir, 'single'), ...RUN]);
    await expectSameGold(lake, join(dir, 'single'));
    expect(manifest(lake).ingested_files).toBe(6);
    expect(manifest(lake).reconciliation['achats']).toMatchObject({ updated: 0, ok: true });
    // Ingested files are read like a run's sources: a ragged line is quarantined, not fatal.
    const malformed = manifest(lake).quarantine_by_reason['achats']?.['malformed_row'];
    expect(malformed).toBeGreaterThan(0);
    expect(malformed).toBe(manifest(join(dir, 'single')).quarantine_by_reason['achats']?.['malformed_row']);
    expect(cli(['check', '--lake', lake]).status).toBe(0);
  });

  it('the same file ingested twice, or under another name, changes nothing', () => {
    const registry = readFileSync(join(lake, '_ingest/registry.json'), 'utf8');
    const first = readdirSync(landing).find((f) => f.startsWith('achats_'))!;
    writeFileSync(join(landing, 'achats_copy.csv'), readFileSync(join(landing, first)));
    const out = ok(['ingest', '--from', landing, '--lake', lake]);
    expect(out).toContain('ingested 0 files (0 rows), 7 already ingested');
    expect(out).toContain(`achats_copy.csv: already ingested (#2 as ${first}), skipped`);
    expect(readFileSync(join(lake, '_ingest/registry.json'), 'utf8')).toBe(registry);
  });

  it('a corrected re-export supersedes the older version, which bronze keeps, and is counted as updated', async () => {
    const last = readdirSync(landing).filter((f) => f.startsWith('achats_2')).sort().at(-1)!;
    const lines = readFileSync(join(landing, last), 'utf8').trimEnd().split('\n');
    const index = lines.findIndex((l, i) => i > 0 && /^\d+,\d+,\d{4}-\d{2}-\d{2},\d+\.\d+,[^,]+$/.test(l));
    const [id] = lines[index]!.split(',');
    const corrected = lines[index]!.replace(/,\d+\.\d+,/, ',1234.56,');
    writeFileSync(join(landing, last), `${[...lines.slice(0, index), corrected, ...lines.slice(index + 1)].join('\n')}\n`);
    const out = ok(['ingest', '--from', landing, '--lake', lake]);
    expect(out).toMatch(new RegExp(`warning: ${last} was ingested before .* a new version`));
    ok(['run', '--lake', lake, ...RUN]);
    const m = manifest(lake);
    expect(m.reconciliation['achats']).toMatchObject({ updated: 1, ok: true });
    expect(m.reconciliation['achats']!.duplicates).toBeGreaterThan((lines.length - 2) * 0.9); // the unchanged rows, but for the dirty ones (quarantined again)
    const silver = await readParquet(join(lake, 'silver/achats.parquet'));
    expect(silver.filter((r) => String(r['id_achat']) === id).map((r) => r['montant'])).toEqual([1234.56]);
    const bronze = await readParquet(join(lake, 'bronze/achats.parquet'));
    expect(bronze.filter((r) => r['id_achat'] === id).map((r) => r['_ingest_seq']).length).toBe(2);
    expect(cli(['check', '--lake', lake]).status).toBe(0);
  });

  it("a client's change of country supersedes it in silver and is kept in clients_history", async () => {
    const clients = await readParquet(join(lake, 'silver/clients.parquet'), 'id_client');
    const client = clients.find((c) => c['pays'] === 'France')!;
    const row = [client['id_client'], client['nom'], client['email'], 'Belgique', client['date_inscription']].join(',');
    writeFileSync(join(landing, 'clients_2025-12-01.csv'), `id_client,nom,email,pays,date_inscription\n${row}\n`);
    ok(['ingest', '--from', landing, '--lake', lake]);
    ok(['run', '--lake', lake, ...RUN]);
    expect(manifest(lake).reconciliation['clients']).toMatchObject({ updated: 1, ok: true });
    const now = await readParquet(join(lake, 'silver/clients.parquet'));
    expect(now.find((c) => c['id_client'] === client['id_client'])?.['pays']).toBe('Belgique');
    const history = await readParquet(join(lake, 'silver/clients_history.parquet'), 'valid_from');
    expect(history.filter((h) => h['id_client'] === client['id_client']).map((h) => [h['pays'], h['valid_from'], h['valid_to'], h['is_current']])).toEqual([
      ['France', client['date_inscription'], '2025-12-01', false],
      ['Belgique', '2025-12-01', null, true],
    ]);
    // One version for a client that never changed.
    expect(history.filter((h) => h['id_client'] === clients[1]!['id_client'])).toHaveLength(1);
    expect(cli(['check', '--lake', lake]).status).toBe(0);
  });
});
