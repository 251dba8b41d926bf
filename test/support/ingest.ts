import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import { openLake } from '../../src/lake/open.ts';
import type { Row } from '../../src/engines/engine.ts';
import { readParquet } from './duckdb.ts';
import { sameValue } from './same-value.ts';

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
export async function tableRows(lakeUri: string, layer: 'silver' | 'gold', table: string): Promise<Row[]> {
  const lake = await openLake({ lake: lakeUri });
  return readParquet((await lake.resolveRead(layer, table, ['local'])).path, 'ALL');
}

/** The two lakes hold the same gold tables, row for row (doubles as `sameValue` has it: engines sum in their own order). */
export async function expectSameGold(lakeA: string, lakeB: string): Promise<void> {
  for (const table of GOLD_TABLES) {
    const [a, b] = [await tableRows(lakeA, 'gold', table), await tableRows(lakeB, 'gold', table)];
    expect(a.length, table).toBeGreaterThan(0);
    expect(a.length, table).toBe(b.length);
    const differing = a.findIndex((row, i) => Object.keys({ ...row, ...b[i] }).some((k) => !sameValue(plain(row[k]), plain(b[i]?.[k]))));
    expect(differing === -1 ? null : [a[differing], b[differing]], table).toBeNull();
  }
}

function plain(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
