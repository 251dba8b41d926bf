/**
 * Lines the CSV reader cannot parse (issue 13): ragged lines in the middle
 * of both sources and a truncated last line load every good row on DuckDB
 * through the real command line; the bad ones are quarantined as
 * `malformed_row` with their text and record number, and `check` passes.
 * Spark gives the same lake: test/integration/spark-parity.test.ts runs on
 * sources with the same records added.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, tempDir } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';
import { addMalformedRecords, type MalformedRecord } from '../support/malformed-sources.ts';

const dir = tempDir('electrolake-malformed-');
const clean = join(dir, 'clean');
const ragged = join(dir, 'ragged');
let added: MalformedRecord[] = [];

function run(sources: string, lake: string) {
  const result = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
  const manifest = result.status === 0 ? (JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as RunManifest) : undefined;
  return { ...result, manifest };
}

beforeAll(() => {
  const generated = cli(['generate', '--scale', '0.1', '--seed', '5', '--out', clean]);
  expect(generated.status, generated.stderr).toBe(0);
  cpSync(clean, ragged, { recursive: true });
  added = addMalformedRecords(ragged);
});

describe('malformed lines on DuckDB', () => {
  it('loads every good row, quarantines the bad ones as malformed_row with their text and row number, and check passes', async () => {
    const before = run(clean, join(dir, 'lake-clean'));
    const lake = join(dir, 'lake-ragged');
    const after = run(ragged, lake);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/achats +bronze [\d,]+ = silver [\d,]+ \+ quarantine 3 \+ duplicates 0 ✓/);
    expect(after.stdout).toMatch(/quarantine: malformed_row 3\b/);
    expect(after.stdout).toMatch(/quarantine: malformed_row 1\b/);
    const [b, a] = [before.manifest!, after.manifest!];
    for (const source of ['clients', 'achats'] as const) {
      const malformed = added.filter((r) => r.source === source).length;
      expect(a.stages.bronze[source], source).toBe(b.stages.bronze[source]! + malformed);
      expect(a.stages.silver[source], `${source}: every good row loaded`).toBe(b.stages.silver[source]);
      expect(a.quarantine_by_reason[source]?.['malformed_row']).toBe(malformed);
      expect(a.reconciliation[source]?.ok).toBe(true);
      const quarantine = await readParquet(join(lake, `silver/quarantine_${source}.parquet`), '_source_row');
      expect(quarantine.map((r) => ({ source, row: r['_source_row'], text: r['_malformed_text'], reason: r['_reason'] }))).toEqual(
        added.filter((r) => r.source === source).map((r) => ({ ...r, reason: 'malformed_row' })),
      );
    }
    // The good rows after a malformed one keep their place in the file.
    const bronze = await readParquet(join(lake, 'bronze/achats.parquet'), '_source_row');
    expect(bronze.map((r) => r['_source_row'])).toEqual(bronze.map((_, i) => i + 1));
    const last = added.find((r) => r.text.startsWith('900003'))!;
    expect(bronze[last.row - 2]?.['id_achat']).not.toBeNull();

    const check = cli(['check', '--lake', lake]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('a line that is not UTF-8 in a UTF-8 file is malformed_row; a file in Latin-1 stops the run with one line', () => {
    const sources = join(dir, 'encoding');
    cpSync(clean, sources, { recursive: true });
    const path = join(sources, 'clients.csv');
    const lines = readFileSync(path).toString('utf8').split('\n');
    // Accented names are UTF-8 here, as in a real export; one line has a Latin-1 « é ».
    lines.splice(3, 0, '900005,Zoé Lefèvre,zoe@exemple.fr,France,2020-01-01', '900006,Hélène Dubois,helene@exemple.fr,France,2020-01-01');
    const bad = Buffer.from('900007,Chlo\u00e9 Martin,chloe@exemple.fr,France,2020-01-01\n', 'latin1');
    writeFileSync(path, Buffer.concat([Buffer.from(`${lines.slice(0, 6).join('\n')}\n`), bad, Buffer.from(lines.slice(6).join('\n'))]));
    const result = run(sources, join(dir, 'lake-encoding'));
    expect(result.status, result.stderr).toBe(0);
    expect(result.manifest?.quarantine_by_reason['clients']?.['malformed_row']).toBe(1);

    writeFileSync(path, Buffer.from(readFileSync(path).toString('utf8').replace(/\uFFFD/g, 'é'), 'latin1'));
    const latin1 = cli(['run', '--sources', sources, '--lake', join(dir, 'lake-latin1')]);
    expect(latin1.status).toBe(2);
    expect(latin1.stderr.trim().split('\n')).toEqual([expect.stringMatching(/clients\.csv is not UTF-8 \(first invalid byte near line 4\)/)]);
  });
});
