import type { RfmGroups, SpendGroups } from './types.ts';

/**
 * Builds grouped inputs from per-customer (or already grouped) rows. In the
 * pipeline the engine does this with `GROUP BY` and hands over the groups;
 * these helpers serve tests, the bench and small in-memory uses.
 */
export interface RfmRow {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Weight, 1 when absent. */
  readonly n?: number;
}

export interface SpendRow {
  readonly x: number;
  readonly zbar: number;
  readonly n?: number;
}

/** Sums the weights of rows sharing the same key; keeps first-seen order. */
class Accumulator {
  private readonly index = new Map<string, number>();
  readonly keys: number[][] = [];
  readonly weights: number[] = [];

  add(key: readonly number[], weight: number): void {
    const id = key.join('|');
    const at = this.index.get(id);
    if (at === undefined) {
      this.index.set(id, this.weights.length);
      this.keys.push([...key]);
      this.weights.push(weight);
    } else {
      this.weights[at] = (this.weights[at] as number) + weight;
    }
  }

  column(position: number): Float64Array {
    return Float64Array.from(this.keys, (key) => key[position] as number);
  }
}

export function rfmGroups(rows: Iterable<RfmRow>): RfmGroups {
  const acc = new Accumulator();
  for (const row of rows) acc.add([row.x, row.tx, row.T], row.n ?? 1);
  return { x: acc.column(0), tx: acc.column(1), T: acc.column(2), n: Float64Array.from(acc.weights) };
}

/**
 * Groups repeat customers by (x, zbar rounded to `decimals`, cents by
 * default): rounding to the currency's precision loses nothing real and
 * merges many customers. Rows with x = 0 are left out: without a repeat
 * purchase a customer says nothing about repeat spend (the model's premise).
 */
export function spendGroups(rows: Iterable<SpendRow>, options: { decimals?: number } = {}): SpendGroups {
  const scale = 10 ** (options.decimals ?? 2);
  const acc = new Accumulator();
  for (const row of rows) {
    if (row.x === 0) continue;
    acc.add([row.x, Math.round(row.zbar * scale) / scale], row.n ?? 1);
  }
  return { x: acc.column(0), zbar: acc.column(1), n: Float64Array.from(acc.weights) };
}

