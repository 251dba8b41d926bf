import { DATE_SHAPES, type Dialect } from '../dialect.ts';

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
 * A date in one of the two source formats, or NULL: text of the shape (see
 * DATE_SHAPES) cast to DATE, which gives NULL, never an ANSI error, for an
 * impossible date such as 2021-02-30. A cast of 'yyyy-M-d' costs a fifth of
 * try_to_date with a pattern (a DateTimeFormatter per value), seconds per
 * million rows. Text of another shape extracts to '', which casts to NULL.
 */
function tryDate(expr: string, format: 'iso' | 'dmy'): string {
  const shape = sparkLiteral(DATE_SHAPES[format]);
  if (format === 'iso') return `try_cast(regexp_extract(${expr}, ${shape}, 1) AS DATE)`;
  return `CASE WHEN ${expr} RLIKE ${shape} THEN try_cast(regexp_replace(${expr}, ${shape}, '$4-$3-$2') AS DATE) END`;
}

export const sparkDialect: Dialect = {
  // RLIKE is a Java `find`; \z anchors at the very end (`$` would also match before a final newline).
  fullMatch: (expr, pattern) => `(${expr} RLIKE ${sparkLiteral(`^(?:${pattern})\\z`)})`,
  tryDate,
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
  dayMonthYear: (date) => `date_format(${date}, 'dd/MM/yyyy')`,
  // format_number groups with the US locale's ',' (and no decimals with 0).
  // A CSV view is read with multiLine, which makes a file one unsplittable
  // partition scanned in file order: monotonically_increasing_id is then
  // 0, 1, 2... (partition 0's ids), so no window is needed. row_number() OVER
  // (ORDER BY ...) gave the same numbers but sorted every row in one task
  // (seconds at scale 100). A source is always one file (registerView).
  fileRowNumber: () => '(monotonically_increasing_id() + 1)',
  quote: (identifier) => `\`${identifier.replace(/`/g, '``')}\``,
  literal: sparkLiteral,
};
