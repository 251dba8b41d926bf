import type { Dialect } from '../dialect.ts';

/**
 * Spark SQL (4.x, ANSI mode on by default) behind the Dialect helpers.
 *
 * String literals: Spark unescapes backslashes inside '...' ('\d' reads as
 * 'd'), so every literal doubles them; regular expressions are Java regexes.
 */
export function sparkLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A date in one of the two source formats, or NULL. Like DuckDB's strptime,
 * surrounding whitespace is ignored and day and month may have one digit;
 * the year must have four, which the regex checks before parsing (Spark's
 * parser would take '2021-001-03'). try_to_date gives NULL, never an ANSI
 * error, for impossible dates such as 2021-02-30.
 */
const DATE_FORMATS = {
  iso: { shape: '^\\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})\\s*$', pattern: 'yyyy-M-d' },
  dmy: { shape: '^\\s*([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\\s*$', pattern: 'd/M/yyyy' },
} as const;

export const sparkDialect: Dialect = {
  // RLIKE is a Java `find`; \z anchors at the very end (`$` would also match before a final newline).
  fullMatch: (expr, pattern) => `(${expr} RLIKE ${sparkLiteral(`^(?:${pattern})\\z`)})`,
  tryDate: (expr, format) => {
    const { shape, pattern } = DATE_FORMATS[format];
    return `try_to_date(regexp_extract(${expr}, ${sparkLiteral(shape)}, 1), ${sparkLiteral(pattern)})`;
  },
  daysBetween: (from, to) => `datediff(${to}, ${from})`,
  addDays: (date, days) => `date_add(${date}, CAST(${days} AS INT))`,
  monthKey: (date) => `date_format(${date}, 'yyyy-MM')`,
  // Spark 3+ rejects week-based patterns (YYYY, ww) in date_format; YEAROFWEEK and weekofyear are ISO-8601.
  isoWeekKey: (date) =>
    `concat(CAST(extract(YEAROFWEEK FROM ${date}) AS STRING), '-W', lpad(CAST(weekofyear(${date}) AS STRING), 2, '0'))`,
  weekStart: (date) => `trunc(${date}, 'week')`,
  // sequence() fails when start > end; DuckDB's range gives no rows, so the
  // upper bound is clamped and the extra day filtered out.
  dateSeries: (start, end) =>
    `(SELECT d AS \`date\` FROM (SELECT explode(sequence(CAST(${start} AS DATE), greatest(CAST(${start} AS DATE), CAST(${end} AS DATE)), INTERVAL 1 DAY)) AS d) WHERE d <= CAST(${end} AS DATE))`,
  // A CSV view read with multiLine is one unsplittable partition scanned in
  // file order, so monotonically_increasing_id follows the file; row_number
  // turns it into 1, 2, 3... even if a larger file is ever split.
  fileRowNumber: () => 'row_number() OVER (ORDER BY monotonically_increasing_id())',
  quote: (identifier) => `\`${identifier.replace(/`/g, '``')}\``,
  literal: sparkLiteral,
};
