import type { Dialect } from '../../engines/dialect.ts';

/**
 * The cleaning rules of SPEC §1 as SQL expressions over raw text columns,
 * shared by the clients and achats stages (and unit-tested on tiny inputs).
 */

/** A positive integer id written as digits only (`12`, not `12.0`, `A-1` or `-5`), else NULL. */
export function parseId(d: Dialect, raw: string): string {
  return `CASE WHEN ${d.fullMatch(`trim(${raw})`, '[0-9]{1,18}')} AND try_cast(trim(${raw}) AS BIGINT) > 0
    THEN try_cast(trim(${raw}) AS BIGINT) END`;
}

/** An ISO date, or a `dd/mm/yyyy` one (a repair), else NULL. */
export function parseDate(d: Dialect, raw: string): string {
  return `coalesce(${d.tryDate(`trim(${raw})`, 'iso')}, ${d.tryDate(`trim(${raw})`, 'dmy')})`;
}

/** True when the date was only readable as `dd/mm/yyyy`. */
export function dateWasRepaired(d: Dialect, raw: string): string {
  return `(${d.tryDate(`trim(${raw})`, 'iso')} IS NULL AND ${d.tryDate(`trim(${raw})`, 'dmy')} IS NOT NULL)`;
}

/** An amount with a dot or a comma decimal (`123,45` is a repair), else NULL. `NaN`, `inf`, `12.3.4` are not amounts. */
export function parseAmount(d: Dialect, raw: string): string {
  return `CASE WHEN ${d.fullMatch(`trim(${raw})`, '-?[0-9]+([.,][0-9]+)?')}
    THEN try_cast(replace(trim(${raw}), ',', '.') AS DOUBLE) END`;
}

export function amountWasRepaired(d: Dialect, raw: string): string {
  return `(${d.fullMatch(`trim(${raw})`, '-?[0-9]+,[0-9]+')})`;
}

/** Trimmed text, NULL when blank. */
export function cleanText(raw: string): string {
  return `nullif(trim(${raw}), '')`;
}

/** A plausible e-mail address: something@domain.tld, no spaces. */
export function isValidEmail(d: Dialect, raw: string): string {
  return `coalesce(${d.fullMatch(`trim(${raw})`, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+')}, false)`;
}

/**
 * Canonical spelling of a noisy label: among the trimmed spellings that
 * case-fold to the same key, the most frequent one (ties: the first in
 * alphabetical order, so both engines agree). Yields `(label_key, canonical)`.
 */
export function canonicalSpellings(table: string, column: string): string {
  return `SELECT label_key, spelling AS canonical FROM (
      SELECT label_key, spelling,
             row_number() OVER (PARTITION BY label_key ORDER BY n DESC, spelling) AS rank_in_key
      FROM (
        SELECT lower(${cleanText(column)}) AS label_key, ${cleanText(column)} AS spelling, count(*) AS n
        FROM ${table} WHERE ${cleanText(column)} IS NOT NULL
        GROUP BY lower(${cleanText(column)}), ${cleanText(column)}
      ) spellings
    ) ranked WHERE rank_in_key = 1`;
}
