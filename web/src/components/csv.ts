import type { Envelope } from '../api/types.ts';
import { fmt } from '../format.ts';

/**
 * The dashboard's one CSV writer, for a spreadsheet in French: UTF-8 with a
 * byte-order mark (Excel otherwise reads Windows-1252), `;` between fields,
 * French headers, numbers rounded to what they mean (cents, a tenth of a
 * percent) with a decimal comma and no thousands separator so they stay
 * numbers, dates as 31/12/2025.
 */
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | null | undefined;
  /** decimals of a number (default 0); `percent`: a 0–1 share written as 12,3 */
  format?: { digits?: number; percent?: boolean; date?: boolean };
}

export function toCsv<R>(columns: CsvColumn<R>[], rows: R[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(';'), ...rows.map((r) => columns.map((c) => formatted(c, r)).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function formatted<R>(column: CsvColumn<R>, row: R): string {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return '';
  const f = column.format ?? {};
  if (f.date && typeof value === 'string') return fmt.date(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return (f.percent ? value * 100 : value).toFixed(f.percent ? 1 : (f.digits ?? 0)).replace('.', ',');
  }
  return cell(value);
}

function cell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows per request: large enough to be quick, within every store's page limit. */
const CHUNK = 500;

/** Every row of a paged endpoint (`meta.count` is the total), a chunk at a time: the browser never asks for a whole table at once. */
export async function fetchAll<R>(
  page: (window: { limit: number; offset: number }) => Promise<Envelope<R[]>>,
  progress: (done: number, total: number) => void,
): Promise<{ rows: R[]; asOf: string | null }> {
  const rows: R[] = [];
  let total = Infinity;
  let asOf: string | null = null;
  while (rows.length < total) {
    const answer = await page({ limit: CHUNK, offset: rows.length });
    total = answer.meta.count;
    asOf = answer.meta.as_of;
    rows.push(...answer.data);
    progress(rows.length, total);
    if (answer.data.length === 0) break;
  }
  return { rows, asOf };
}

export function downloadCsv(text: string, filename: string): void {
  const href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** `Électroménager & Co` → `electromenager-co`, for file names. */
export function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}
