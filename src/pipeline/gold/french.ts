import type { Dialect } from '../../engines/dialect.ts';

/**
 * French number text in SQL, the way `Intl.NumberFormat('fr-FR')` writes it
 * (so the API's sentences read like the dashboard's figures): a narrow
 * no-break space between groups of three digits, a no-break space before
 * `€` and `%`. Every helper takes and returns SQL expression text.
 */
const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

/** A number rounded to the unit: `2 340`. */
export function frInteger(d: Dialect, expr: string): string {
  return `replace(${d.groupThousands(`CAST(round(${expr}) AS BIGINT)`)}, ',', ${d.literal(NARROW_NBSP)})`;
}

/**
 * Euros rounded to the unit: `2 340 €`. Rounded to the cent first: a sum of
 * amounts is exact only to the cent, and 2 751.50 summed in another order
 * (another engine, another row order) can be 2 751.4999…, which would round
 * to 2 751 instead of 2 752.
 */
export function frEuros(d: Dialect, expr: string): string {
  return `${frInteger(d, `round(${expr}, 2)`)} || ${d.literal(`${NBSP}€`)}`;
}

/** A share in [0, 1] as a whole percentage: `23 %`. */
export function frPercent(d: Dialect, share: string): string {
  return `${frInteger(d, `100 * ${share}`)} || ${d.literal(`${NBSP}%`)}`;
}

/** `count` and the word, with an `s` unless the count is 0 or 1: `3 achats`, `1 achat`. */
export function frCount(d: Dialect, count: string, word: string): string {
  return `${frInteger(d, count)} || ${d.literal(` ${word}`)} || CASE WHEN ${count} > 1 THEN 's' ELSE '' END`;
}
