import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.ts';

export const SOURCE_COLUMNS = {
  clients: ['id_client', 'nom', 'email', 'pays', 'date_inscription'],
  achats: ['id_achat', 'id_client', 'date_achat', 'montant', 'produit'],
} as const;

/**
 * Checks a source file before the engine reads it, so a user mistake is one
 * clear line instead of an engine error: missing or empty file, wrong
 * separator, missing column, text that is not UTF-8.
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
  await assertUtf8(path);
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

/**
 * Checks the whole file is UTF-8, chunk by chunk with Node's native
 * validator (no string is built: a strict TextDecoder decoded 146 MB into
 * strings at scale 100, the largest cost of bronze after the engine's own).
 * A character cut by a chunk's end is carried over to the next chunk. A
 * Latin-1 export fails here, with the line it fails on.
 */
async function assertUtf8(path: string): Promise<void> {
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    const end = completeEnd(chunk);
    const whole = chunk.subarray(0, end);
    if (!isUtf8(whole)) {
      line += countNewlines(whole, firstInvalidOffset(whole));
      throw new AppError('BAD_INPUT', `${path} is not UTF-8 (first invalid byte near line ${line}); re-export it as UTF-8`);
    }
    line += countNewlines(whole, whole.length);
    carry = Buffer.from(chunk.subarray(end));
  }
  if (carry.length > 0) throw new AppError('BAD_INPUT', `${path} is not UTF-8 (truncated character at the end); re-export it as UTF-8`);
}

/** Where the last character that is complete in `buffer` ends (a multi-byte one may be cut at the end). */
function completeEnd(buffer: Buffer): number {
  // A UTF-8 character is at most 4 bytes: look back at most 3 bytes for its lead byte.
  for (let back = 1; back <= Math.min(3, buffer.length); back++) {
    const byte = buffer[buffer.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? buffer.length - back : buffer.length;
  }
  return buffer.length;
}

function countNewlines(buffer: Buffer, end: number): number {
  let n = 0;
  for (let i = buffer.indexOf(10); i !== -1 && i < end; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

function firstInvalidOffset(buffer: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = buffer.length;
  // Binary search for the shortest prefix that does not decode.
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(buffer.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return hi;
}
