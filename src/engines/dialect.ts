/**
 * The few places where DuckDB SQL and Spark SQL differ. Stage SQL is written
 * once and calls these helpers where the two dialects disagree; everything
 * else (CTEs, window functions, `try_cast`, `FILTER`, `max_by`, `||`) is
 * common to both.
 *
 * Every helper takes SQL expression text and returns SQL expression text.
 */
export interface Dialect {
  /** Boolean: the whole of `expr` matches the regular expression `pattern`. */
  fullMatch(expr: string, pattern: string): string;
  /** DATE parsed from text in `yyyy-mm-dd` (`iso`) or `dd/mm/yyyy` (`dmy`), NULL when it is not one. */
  tryDate(expr: string, format: 'iso' | 'dmy'): string;
  /** Integer number of days from `from` to `to` (`to - from`). */
  daysBetween(from: string, to: string): string;
  /** DATE `date` plus `days` days. */
  addDays(date: string, days: string): string;
  /** `'YYYY-MM'` of a DATE. */
  monthKey(date: string): string;
  /** ISO week label `'YYYY-Www'` of a DATE. */
  isoWeekKey(date: string): string;
  /** The Monday (DATE) of the ISO week of a DATE. */
  weekStart(date: string): string;
  /** A table expression with one DATE column `date`, every day from `start` to `end` inclusive. */
  dateSeries(start: string, end: string): string;
  /** Row number (1-based) of each row in file order, for `_source_row` lineage. */
  fileRowNumber(): string;
  /** Quotes an identifier that may be a keyword (`date`, `min`, `max`). */
  quote(identifier: string): string;
  /** A string literal. */
  literal(value: string): string;
}

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
