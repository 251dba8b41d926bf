import type { ServedRow } from '../serving/store.ts';

export interface CohortMatrix {
  cohorts: string[];
  offsets: number[];
  n_clients: number[];
  retention_rate: (number | null)[][];
  active_clients: (number | null)[][];
  ca: (number | null)[][];
}

/**
 * `cohort_first_purchase` rows (cohort_month, month_offset, …; only cells
 * where someone bought) as a cohort × offset matrix. A missing cell is 0
 * when its month is within the data (nobody of the cohort bought), null
 * when it is after the last month with purchases (not observed yet).
 */
export function cohortMatrix(rows: readonly ServedRow[]): CohortMatrix {
  const cohorts = [...new Set(rows.map((r) => String(r['cohort_month'])))].sort();
  const index = new Map(cohorts.map((c, i) => [c, i]));
  const maxOffset = rows.reduce((m, r) => Math.max(m, Number(r['month_offset'])), -1);
  const offsets = Array.from({ length: maxOffset + 1 }, (_, i) => i);
  const lastMonth = rows.reduce((m, r) => Math.max(m, monthNumber(String(r['cohort_month'])) + Number(r['month_offset'])), -Infinity);
  const blank = () => cohorts.map((c) => offsets.map((o) => (monthNumber(c) + o <= lastMonth ? 0 : null)));
  const matrix: CohortMatrix = {
    cohorts,
    offsets,
    n_clients: cohorts.map(() => 0),
    retention_rate: blank(),
    active_clients: blank(),
    ca: blank(),
  };
  for (const row of rows) {
    const i = index.get(String(row['cohort_month']));
    const o = Number(row['month_offset']);
    if (i === undefined) continue;
    matrix.n_clients[i] = Number(row['n_clients']);
    setCell(matrix.retention_rate, i, o, row['retention_rate']);
    setCell(matrix.active_clients, i, o, row['active_clients']);
    setCell(matrix.ca, i, o, row['ca']);
  }
  return matrix;
}

function setCell(grid: (number | null)[][], i: number, o: number, value: unknown): void {
  const line = grid[i];
  if (line) line[o] = value === null || value === undefined ? null : Number(value);
}

/** `YYYY-MM` → months since year 0, so offsets add up across years. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}
