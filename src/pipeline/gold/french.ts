/**
 * French number text in SQL, the way `Intl.NumberFormat('fr-FR')` writes it
 * (so the API's sentences read like the dashboard's figures): a narrow
 * no-break space between groups of three digits, a no-break space before
 * `€` and `%`. Every helper takes and returns SQL expression text, the same
 * for both engines.
 *
 * The helpers take a column that already holds a whole number (BIGINT),
 * rounded once in the query (`roundedEuros` and the like): the text repeats
 * the column several times, and a column name is cheap to repeat.
 */
const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

/** Three digits with leading zeros: `7` → `007`. */
function threeDigits(integer: string): string {
  return `lpad(CAST(${integer} AS STRING), 3, '0')`;
}

/**
 * A whole number with its groups of three: `2 340`, `-1 234 567`. Plain
 * arithmetic rather than the engines' thousands formatting (DuckDB's
 * `format('{:,}')` costs three times a cast, and the call list formats
 * five numbers per client); up to 999 999 999 999, past any euro amount.
 */
export function frGrouped(integer: string): string {
  const n = `abs(${integer})`;
  // Integer division that both engines spell alike (`/` is a DOUBLE in both).
  const over = (power: number): string => `CAST(floor(${n} / ${10 ** power}) AS BIGINT)`;
  const head = (power: number): string => `CAST(${over(power)} AS STRING)`;
  const group = (power: number): string => threeDigits(power === 0 ? `${n} % 1000` : `${over(power)} % 1000`);
  const sep = `'${NARROW_NBSP}'`;
  const digits = `CASE
      WHEN ${n} < 1000 THEN CAST(${n} AS STRING)
      WHEN ${n} < 1000000 THEN concat(${head(3)}, ${sep}, ${group(0)})
      WHEN ${n} < 1000000000 THEN concat(${head(6)}, ${sep}, ${group(3)}, ${sep}, ${group(0)})
      ELSE concat(${head(9)}, ${sep}, ${group(6)}, ${sep}, ${group(3)}, ${sep}, ${group(0)})
    END`;
  return `concat(CASE WHEN ${integer} < 0 THEN '-' ELSE '' END, ${digits})`;
}

/** SQL BIGINT: a number rounded to the unit. */
export function roundedUnit(expr: string): string {
  return `CAST(round(${expr}) AS BIGINT)`;
}

/**
 * SQL BIGINT: euros rounded to the unit, rounded to the cent first: a sum of
 * amounts is exact only to the cent, and 2 751.50 summed in another order
 * (another engine, another row order) can be 2 751.4999…, which would round
 * to 2 751 instead of 2 752.
 */
export function roundedEuros(expr: string): string {
  return roundedUnit(`round(${expr}, 2)`);
}

/** SQL BIGINT: a share in [0, 1] as a whole percentage. */
export function roundedPercent(share: string): string {
  return roundedUnit(`100 * ${share}`);
}

/** `2 340 €` from a column of whole euros. */
export function frEuros(euros: string): string {
  return `concat(${frGrouped(euros)}, '${NBSP}€')`;
}

/** `23 %` from a column of whole percents. */
export function frPercent(percent: string): string {
  return `concat(${frGrouped(percent)}, '${NBSP}%')`;
}

/** `count` (a whole number) and the word, with an `s` unless the count is 0 or 1: `3 achats`, `1 achat`. */
export function frCount(count: string, word: string): string {
  return `concat(${frGrouped(count)}, ' ${word}', CASE WHEN ${count} > 1 THEN 's' ELSE '' END)`;
}
