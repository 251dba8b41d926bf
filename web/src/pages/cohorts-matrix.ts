import type { CohortRow } from '../api/types.ts';

/**
 * The cohort rows (one per cohort × month where someone bought again) as a
 * matrix. A missing cell is a month where nobody of that cohort bought (0 %),
 * unless that month is after the data's last month (no cell at all).
 */
export interface CohortMatrix {
  cohorts: string[];
  sizes: Map<string, number>;
  maxOffset: number;
  cells: CohortRow[];
  /** months between a cohort and the data's last month */
  reach: Map<string, number>;
}

export function cohortMatrix(rows: CohortRow[]): CohortMatrix {
  const sizes = new Map<string, number>();
  let last = 0;
  let maxOffset = 0;
  for (const r of rows) {
    if (r.cohort_month === null || r.month_offset === null) continue;
    sizes.set(r.cohort_month, r.n_clients ?? 0);
    last = Math.max(last, monthIndex(r.cohort_month) + r.month_offset);
    maxOffset = Math.max(maxOffset, r.month_offset);
  }
  const cohorts = [...sizes.keys()].sort();
  const reach = new Map(cohorts.map((c) => [c, last - monthIndex(c)]));
  return { cohorts, sizes, maxOffset, cells: rows, reach };
}

/** Share of a cohort's clients buying in month `offset`, over the cohorts that have reached it, weighted by size. */
export function averageRetention(m: CohortMatrix, offset: number): number | null {
  let clients = 0;
  let active = 0;
  for (const c of m.cohorts) if ((m.reach.get(c) ?? -1) >= offset) clients += m.sizes.get(c) ?? 0;
  for (const r of m.cells) if (r.month_offset === offset && (m.reach.get(r.cohort_month ?? '') ?? -1) >= offset) active += r.active_clients ?? 0;
  return clients > 0 ? active / clients : null;
}

function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}
