import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Test data: the CDNOW files copied into test/fixtures/cdnow (so a fresh
 * clone has them), resolved from this file's location, not the cwd.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/cdnow/', import.meta.url));
/** The team's shared copy, `../shared/data/cdnow/` from the repo root. */

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** |actual − expected| / |expected|. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Every parameter named in `expected` is within `tolerance` (relative) of it. */
export function expectParamsNear(actual: object, expected: Record<string, number>, tolerance: number): void {
  const values = actual as Record<string, number>;
  for (const [name, value] of Object.entries(expected)) {
    expect(relativeError(values[name] ?? Number.NaN, value), name).toBeLessThan(tolerance);
  }
}

/**
 * Purchase days per sample customer on or after `from` (YYYYMMDD) in
 * CDNOW_sample.txt (columns: master id, sample id, date, CDs, dollars).
 * Several purchases on one day count once, as in the summaries' x.
 */
export function cdnowPurchaseDays(text: string, from: string): Map<number, number> {
  const days = new Map<number, Set<string>>();
  for (const line of text.split(/\r?\n/)) {
    const [, id, date] = line.trim().split(/\s+/);
    if (id === undefined || date === undefined || date < from) continue;
    const set = days.get(Number(id)) ?? new Set<string>();
    set.add(date);
    days.set(Number(id), set);
  }
  return new Map([...days].map(([id, set]) => [id, set.size]));
}
