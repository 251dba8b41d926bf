import { AppError } from '../core/errors.ts';
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
  /** `'dd/mm/yyyy'` text of a DATE (French day order). */
  dayMonthYear(date: string): string;
  /** Quotes an identifier that may be a keyword (`date`, `min`, `max`). */
  quote(identifier: string): string;
  /** A string literal. */
  literal(value: string): string;
}

/** Whitespace as both regex engines spell it alike (RE2's `\s` leaves out \v, Java's does not). */
const SPACE = '[ \\t\\n\\x0B\\f\\r]*';

/**
 * The text `tryDate` accepts, as regular expressions RE2 (DuckDB) and
 * java.util.regex (Spark) read alike: surrounding whitespace, a four-digit
 * year, a one- or two-digit month and day. Both dialects check this shape
 * before parsing because each engine's parser is lax in its own way (DuckDB's
 * `%Y` reads '21-01-03' as the year 21, Spark's `yyyy` reads '2021-001-03').
 * Group 1 is the date without the whitespace; groups 2 to 4 are its three
 * numbers in the order they are written.
 */
export const DATE_SHAPES = {
  iso: `^${SPACE}(([0-9]{4})-([0-9]{1,2})-([0-9]{1,2}))${SPACE}\\z`,
  dmy: `^${SPACE}(([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}))${SPACE}\\z`,
} as const;

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A DATE literal of an ISO day through the dialect's string literal: dates
 * are never spliced into SQL as raw text, and one that is not `YYYY-MM-DD`
 * is refused before it reaches an engine.
 */
export function dateLiteral(d: Pick<Dialect, 'literal'>, iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new AppError('BAD_INPUT', `not a date (YYYY-MM-DD): ${JSON.stringify(iso.slice(0, 40))}`);
  return `DATE ${d.literal(iso)}`;
}
