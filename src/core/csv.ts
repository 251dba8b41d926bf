/**
 * The server's one CSV writer (generated sources, backtest reports): RFC 4180
 * with `,` between fields, a field quoted when it holds a comma, a quote or a
 * line break (`\r` too: a lone one splits a row in Excel), quotes doubled,
 * null as an empty field. The dashboard's French export (`;`, decimal comma,
 * a byte-order mark) is web/src/components/csv.ts, the browser's one writer.
 */
export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',');
}

/** A whole file: the header, then a line a row, each ended by `\n`. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(csvLine).join('\n') + '\n';
}
