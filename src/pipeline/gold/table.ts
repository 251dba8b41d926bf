import type { Dialect } from '../../engines/dialect.ts';

/** What a gold table's SQL may use besides the views of earlier tables. */
export interface GoldInputs {
  d: Dialect;
  /** `DATE 'YYYY-MM-DD'` literal of `as_of`. */
  asOf: string;
  /** First and last day with a valid purchase, or null when there are none. */
  firstDay: string | null;
  lastDay: string | null;
}

/** A gold table: its contract name and the SQL that builds it. Earlier tables are views by name. */
export interface GoldTable {
  name: string;
  sql: (inputs: GoldInputs) => string;
}

/** `0 <= as_of - date < 365`: the 12-month window (docs/contract/dates.md). */
export function in12m({ d, asOf }: GoldInputs, date: string): string {
  return `(${date} <= ${asOf} AND ${d.daysBetween(date, asOf)} < 365)`;
}

/** Sales aggregates shared by the `ca_*` tables. */
export function salesAggregates(): string {
  return `CAST(sum(montant) AS DOUBLE) AS ca, count(*) AS n_achats, count(DISTINCT id_client) AS n_clients,
          CAST(sum(montant) / count(*) AS DOUBLE) AS panier_moyen`;
}
