import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import { openLake } from '../../src/lake/open.ts';
import { readParquet } from './duckdb.ts';

/** Writes `clients.csv` and `achats.csv` in `out`: the dated files of `dir` concatenated (one header each). */
export function concatenateDated(dir: string, out: string): void {
  for (const source of ['clients', 'achats']) {
    const files = readdirSync(dir).filter((f) => f.startsWith(`${source}_`)).sort();
    const lines: string[] = [];
    for (const [i, f] of files.entries()) lines.push(...readFileSync(join(dir, f), 'utf8').trimEnd().split('\n').slice(i === 0 ? 0 : 1));
    writeFileSync(join(out, `${source}.csv`), `${lines.join('\n')}\n`);
  }
}

/** Every row of a table of the lake's current snapshot, in one order whatever the engine wrote. */
export async function tableRows(lakeUri: string, layer: 'silver' | 'gold', table: string, digits = 6): Promise<unknown[]> {
  const lake = await openLake({ lake: lakeUri });
  const rows = await readParquet(await lake.resolveRead(layer, table, ['local']), 'ALL');
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10 ** digits) / 10 ** digits : typeof v === 'bigint' ? Number(v) : v)));
}

/** The two lakes hold the same gold tables, row for row (numbers to `digits` decimals: engines sum in their own order). */
export async function expectSameGold(lakeA: string, lakeB: string, digits = 6): Promise<void> {
  for (const table of GOLD_TABLES) {
    const [a, b] = [await tableRows(lakeA, 'gold', table, digits), await tableRows(lakeB, 'gold', table, digits)];
    expect(a.length, table).toBeGreaterThan(0);
    expect(a, table).toEqual(b);
  }
}
