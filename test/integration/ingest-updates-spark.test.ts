/**
 * The update rules of ingestion on Spark (scripts/services/spark.sh): a
 * corrected re-export of a purchase is counted as `updated` and supersedes
 * the older version, and a client's change of country supersedes it in
 * silver and is kept in `clients_history`, as test/integration/ingest.test.ts
 * checks on DuckDB. Both changes go into one lake, for one Spark run,
 * whose gold is DuckDB's on a copy of the same lake (Spark reading a local
 * lake's ingested parts).
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, cliOk, tempDir } from '../support/cli.ts';
import { expectSameGold } from '../support/ingest.ts';
import { readParquet } from '../support/duckdb.ts';

// Spark on 2 shared cores takes minutes.
const ok = (args: string[]): string => cliOk(args, { timeoutMs: 900_000 });

/** The lines of a CSV file, header first. */
const linesOf = (path: string): string[] => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('ingest update rules on Spark', () => {
  const dir = tempDir('ingest-spark-');
  const landing = join(dir, 'landing');
  const lake = join(dir, 'lake');

  it('a corrected re-export is counted as updated, a change of country is kept in clients_history', { timeout: 900_000 }, async () => {
    ok(['generate', '--scale', '0.05', '--seed', '7', '--dirty', '0', '--days-per-file', '1000', '--out', landing]);
    expect(ok(['ingest', '--from', landing, '--lake', lake])).toContain('ingested 6 files');

    // A corrected re-export of the last purchases file: one amount changed.
    const last = readdirSync(landing).filter((f) => f.startsWith('achats_2')).sort().at(-1)!;
    const lines = linesOf(join(landing, last));
    const index = lines.findIndex((l, i) => i > 0 && /^\d+,\d+,\d{4}-\d{2}-\d{2},\d+\.\d+,[^,]+$/.test(l));
    const [purchase] = lines[index]!.split(',');
    lines[index] = lines[index]!.replace(/,\d+\.\d+,/, ',1234.56,');
    writeFileSync(join(landing, last), `${lines.join('\n')}\n`);

    // A client of France moving to Belgium in the export of 2025-12-01.
    const first = readdirSync(landing).filter((f) => f.startsWith('clients_2')).sort()[0]!;
    const [id, nom, email, , registered] = linesOf(join(landing, first)).slice(1).find((l) => l.split(',')[3] === 'France')!.split(',');
    writeFileSync(join(landing, 'clients_2025-12-01.csv'), `id_client,nom,email,pays,date_inscription\n${[id, nom, email, 'Belgique', registered].join(',')}\n`);

    const out = ok(['ingest', '--from', landing, '--lake', lake]);
    expect(out).toMatch(new RegExp(`warning: ${last} was ingested before .* a new version`));
    expect(out).toContain('ingested 2 files');
    const RUN = ['--model', 'heuristic', '--run-date', '2026-01-01'];
    const duckdbLake = join(dir, 'lake-duckdb');
    cpSync(lake, duckdbLake, { recursive: true });
    ok(['run', '--lake', duckdbLake, '--engine', 'duckdb', ...RUN]);
    ok(['run', '--lake', lake, '--engine', 'spark', ...RUN]);
    await expectSameGold(lake, duckdbLake);

    const m = JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as RunManifest;
    expect(m.engine).toBe('spark');
    expect(m.ingested_files).toBe(8);
    expect(m.reconciliation['achats']).toMatchObject({ updated: 1, ok: true });
    expect(m.reconciliation['clients']).toMatchObject({ updated: 1, ok: true });

    const achats = await readParquet(join(lake, 'silver/achats.parquet'));
    expect(achats.filter((r) => String(r['id_achat']) === purchase).map((r) => r['montant'])).toEqual([1234.56]);
    const bronze = await readParquet(join(lake, 'bronze/achats.parquet'));
    expect(bronze.filter((r) => r['id_achat'] === purchase)).toHaveLength(2);

    const clients = await readParquet(join(lake, 'silver/clients.parquet'), 'id_client');
    const client = clients.find((c) => String(c['id_client']) === id)!;
    expect(client['pays']).toBe('Belgique');
    const history = await readParquet(join(lake, 'silver/clients_history.parquet'), 'valid_from');
    expect(history.filter((h) => String(h['id_client']) === id).map((h) => [h['pays'], h['valid_from'], h['valid_to'], h['is_current']])).toEqual([
      ['France', client['date_inscription'], '2025-12-01', false],
      ['Belgique', '2025-12-01', null, true],
    ]);
    // One version for a client that never changed.
    const other = clients.find((c) => String(c['id_client']) !== id)!;
    expect(history.filter((h) => h['id_client'] === other['id_client'])).toHaveLength(1);
    expect(cli(['check', '--lake', lake]).status).toBe(0);
  });
});
