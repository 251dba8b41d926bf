import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { AppError } from '../../core/errors.ts';

/**
 * Decides whether a source is UTF-8 as a whole. A file whose header is not
 * UTF-8, or where most lines with bytes beyond ASCII are not UTF-8 (an
 * export in another encoding: in Latin-1 every accented line is invalid
 * UTF-8), stops the run with one line. A few lines with bad bytes in an
 * otherwise UTF-8 file are records like any malformed one: the engine
 * sets them aside and silver quarantines them as `malformed_row`.
 *
 * The whole file is checked chunk by chunk with Node's native validator
 * (no string is built: a strict TextDecoder decoded 146 MB into strings at
 * scale 100, the largest cost of bronze after the engine's own); only a
 * file that fails it is read again line by line.
 */
export async function assertUtf8Source(path: string): Promise<void> {
  if (await allUtf8(path)) return;
  const census = await encodingCensus(path);
  if (census.headerInvalid || census.invalidLines * 2 >= census.nonAsciiLines) {
    throw new AppError('BAD_INPUT', `${path} is not UTF-8 (first invalid byte near line ${census.firstInvalidLine}); re-export it as UTF-8`);
  }
}

async function allUtf8(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    const end = completeEnd(chunk);
    if (!isUtf8(chunk.subarray(0, end))) return false;
    carry = Buffer.from(chunk.subarray(end));
  }
  return carry.length === 0;
}

interface EncodingCensus {
  headerInvalid: boolean;
  /** 1-based line number in the file. */
  firstInvalidLine: number;
  invalidLines: number;
  nonAsciiLines: number;
}

/** Lines with bytes beyond ASCII, and those of them that are not UTF-8; a line cut by a chunk's end is carried over. */
async function encodingCensus(path: string): Promise<EncodingCensus> {
  const census: EncodingCensus = { headerInvalid: false, firstInvalidLine: 0, invalidLines: 0, nonAsciiLines: 0 };
  let line = 0;
  const count = (bytes: Buffer): void => {
    line++;
    if (isAscii(bytes)) return;
    census.nonAsciiLines++;
    if (isUtf8(bytes)) return;
    census.invalidLines++;
    if (census.firstInvalidLine === 0) census.firstInvalidLine = line;
    if (line === 1) census.headerInvalid = true;
  };
  let carry: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      count(chunk.subarray(start, newline));
      start = newline + 1;
    }
    carry = Buffer.from(chunk.subarray(start));
  }
  if (carry.length > 0) count(carry);
  return census;
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
