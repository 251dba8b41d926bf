import { open, stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.ts';
import { assertUtf8Source } from './source-encoding.ts';

export const SOURCE_COLUMNS = {
  clients: ['id_client', 'nom', 'email', 'pays', 'date_inscription'],
  achats: ['id_achat', 'id_client', 'date_achat', 'montant', 'produit'],
} as const;

/**
 * Checks a source file before the engine reads it, so a user mistake is one
 * clear line instead of an engine error: missing or empty file, wrong
 * separator, missing column, a file that is not UTF-8 (source-encoding.ts).
 */
export async function validateSourceFile(path: string, columns: readonly string[]): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new AppError('BAD_INPUT', `source file not found: ${path}`);
  if (!info.isFile()) throw new AppError('BAD_INPUT', `source is not a file: ${path} (${info.isDirectory() ? 'a directory' : 'not a regular file'})`);
  if (info.size === 0) throw new AppError('BAD_INPUT', `source file is empty: ${path}`);

  const header = await firstLine(path);
  if (header.trim() === '') throw new AppError('BAD_INPUT', `source file has no header row: ${path}`);
  const names = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (names.length === 1) {
    const separator = [';', '\t', '|'].find((s) => header.includes(s));
    if (separator !== undefined) {
      const shown = separator === '\t' ? 'tab' : `'${separator}'`;
      throw new AppError('BAD_INPUT', `wrong separator in ${path}: found ${shown}, expected ',' (comma-separated CSV)`);
    }
  }
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new AppError('BAD_INPUT', `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in ${path} (header: ${shown(header)})`);
  }
  await assertUtf8Source(path);
}

/** A header as it may be shown in a one-line message: control and non-printable characters escaped, cut at 120 characters. */
export function shown(header: string): string {
  const cut = header.length > 120 ? `${header.slice(0, 120)}… (${header.length} characters)` : header;
  return JSON.stringify(cut).slice(1, -1).replace(/[\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.split(/\r?\n/)[0] ?? '';
  } finally {
    await handle.close();
  }
}
