import type { Dialect } from '../../engines/dialect.ts';

/**
 * The cleaning rules of docs/contract/sources.md as SQL expressions over raw text columns,
 * shared by the clients and achats stages (and unit-tested on tiny inputs).
 */

/** A positive integer id written as digits only (`12`, not `12.0`, `A-1` or `-5`), else NULL. */
export function parseId(d: Dialect, raw: string): string {
  return `CASE WHEN ${d.fullMatch(`trim(${raw})`, '[0-9]{1,18}')} AND try_cast(trim(${raw}) AS BIGINT) > 0
    THEN try_cast(trim(${raw}) AS BIGINT) END`;
}

/**
 * Select-list items for a date column: `<name>` (an ISO date, or a
 * `dd/mm/yyyy` one) and `rep_dmy_date` (true when only the second form read).
 * CASE, not coalesce: both engines evaluate a CASE branch only for the rows
 * that reach it, so the `dd/mm/yyyy` regex and parse run on the few values
 * that are not ISO (a third of the CPU of the form that evaluated both
 * forms on every value, measured on DuckDB).
 */
export function parseDates(d: Dialect, raw: string, name = 'date_achat'): string {
  const iso = d.tryDate(`trim(${raw})`, 'iso');
  const dmy = d.tryDate(`trim(${raw})`, 'dmy');
  return `CASE WHEN ${iso} IS NOT NULL THEN ${iso} ELSE ${dmy} END AS ${name},
    CASE WHEN ${iso} IS NULL THEN ${dmy} IS NOT NULL ELSE false END AS rep_dmy_date`;
}

/**
 * Select-list items for the amount: `montant` (dot or comma decimal; `NaN`,
 * `inf`, `12.3.4` are not amounts) and `rep_comma_decimal`.
 */
export function parseAmount(d: Dialect, raw: string): string {
  const text = `trim(${raw})`;
  // The comma-decimal regex runs only on the values that hold a comma.
  return `CASE WHEN ${d.fullMatch(text, '-?[0-9]+([.,][0-9]+)?')} THEN try_cast(replace(${text}, ',', '.') AS DOUBLE) END AS montant,
    CASE WHEN ${text} LIKE '%,%' THEN coalesce(${d.fullMatch(text, '-?[0-9]+,[0-9]+')}, false) ELSE false END AS rep_comma_decimal`;
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
