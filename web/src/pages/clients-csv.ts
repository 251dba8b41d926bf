import { api } from '../api/endpoints.ts';
import type { ScoreRow } from '../api/types.ts';
import { isoDay } from '../format.ts';
import { scoresQuery, type ClientFilters } from './clients-query.ts';

/** Rows per request: large enough to be quick, within every role's page limit (500 for sales). */
const CHUNK = 500;

/**
 * Every customer matching the filters, in the list's order, as a CSV file
 * for a spreadsheet in French: UTF-8 with a BOM (Excel otherwise guesses
 * Windows-1252), `;` between fields and a decimal comma, raw values rather
 * than formatted euros so they stay numbers. Fetched page by page from the
 * server, as the list is: the browser never asks for the whole table at once.
 */
export async function exportCsv(filters: ClientFilters, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<{ rows: number; filename: string }> {
  const rows: ScoreRow[] = [];
  let total = Infinity;
  while (rows.length < total) {
    const page = await api.scores(scoresQuery(filters, { limit: CHUNK, offset: rows.length }), signal);
    total = page.meta.count;
    rows.push(...page.data);
    progress(rows.length, total);
    if (page.data.length === 0) break;
  }
  const filename = `clients${filters.segment ? `_${slug(filters.segment)}` : ''}${filters.pays ? `_${slug(filters.pays)}` : ''}_${isoDay(new Date())}.csv`;
  download(toCsv(rows), filename);
  return { rows: rows.length, filename };
}

export function toCsv(rows: ScoreRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.join(';'), ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function download(text: string, filename: string): void {
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

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}
