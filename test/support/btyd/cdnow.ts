import { rfmGroups, spendGroups } from '../../../src/models/btyd/groups.ts';
import type { RfmGroups, SpendGroups } from '../../../src/models/btyd/types.ts';
import { badInput } from '../../../src/models/btyd/validate.ts';

/**
 * Reads the CDNOW summary files of Fader & Hardie's sample (as shipped by
 * `lifetimes`): `ID,frequency,recency,T` or `ID,x,t_x,T,zbar`, CRLF or LF.
 * Times are in weeks. Used by the tests that reproduce the published fits.
 */
export interface CdnowCustomer {
  readonly id: number;
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Mean repeat spend in dollars (0 when x = 0); only in the `_with_transactions` file. */
  readonly zbar?: number;
}

const COLUMNS: Record<string, keyof CdnowCustomer> = {
  ID: 'id',
  frequency: 'x',
  x: 'x',
  recency: 'tx',
  t_x: 'tx',
  T: 'T',
  zbar: 'zbar',
};

export function parseCdnowSummary(text: string): CdnowCustomer[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((name) => COLUMNS[name.trim()]);
  for (const needed of ['id', 'x', 'tx', 'T'] as const) {
    if (!header.includes(needed)) throw badInput(`CDNOW summary: no column for ${needed}`, { header: lines[0] });
  }
  return lines.slice(1).map((line, row) => {
    const record: Record<string, number> = {};
    line.split(',').forEach((cell, i) => {
      const key = header[i];
      const value = Number(cell);
      if (key === undefined) return;
      if (cell.trim() === '' || !Number.isFinite(value)) {
        throw badInput(`CDNOW summary: line ${row + 2}: ${key} is not a number`, { line });
      }
      record[key] = value;
    });
    return record as unknown as CdnowCustomer;
  });
}

export function cdnowRfmGroups(text: string): RfmGroups {
  return rfmGroups(parseCdnowSummary(text));
}

/** Repeat customers (x > 0) grouped by (x, zbar); needs the file with zbar. */
export function cdnowSpendGroups(text: string): SpendGroups {
  const customers = parseCdnowSummary(text);
  if (customers.some((c) => c.zbar === undefined)) throw badInput('CDNOW summary: no zbar column');
  return spendGroups(customers.map((c) => ({ x: c.x, zbar: c.zbar ?? 0 })));
}
