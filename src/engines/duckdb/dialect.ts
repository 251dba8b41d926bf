import { DATE_SHAPES, sqlString, type Dialect } from '../dialect.ts';

export const duckdbDialect: Dialect = {
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, ${sqlString(pattern)})`,
  // strptime's %Y takes one to four digits ('21-01-03' would be the year 21):
  // only text of the shape reaches it; anything else extracts to '' (NULL).
  tryDate: (expr, format) =>
    `CAST(try_strptime(regexp_extract(${expr}, ${sqlString(DATE_SHAPES[format])}, 1), ${sqlString(format === 'iso' ? '%Y-%m-%d' : '%d/%m/%Y')}) AS DATE)`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  addDays: (date, days) => `CAST(${date} + to_days(CAST(${days} AS INTEGER)) AS DATE)`,
  monthKey: (date) => `strftime(${date}, '%Y-%m')`,
  isoWeekKey: (date) => `strftime(${date}, '%G-W%V')`,
  weekStart: (date) => `CAST(date_trunc('week', ${date}) AS DATE)`,
  dateSeries: (start, end) =>
    `(SELECT CAST(range AS DATE) AS "date" FROM range(CAST(${start} AS TIMESTAMP), CAST(${end} AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY))`,
  dayMonthYear: (date) => `strftime(${date}, '%d/%m/%Y')`,
  // DuckDB scans a CSV in file order when insertion order is preserved (the default).
  fileRowNumber: () => 'row_number() OVER ()',
  quote: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
  literal: sqlString,
};
