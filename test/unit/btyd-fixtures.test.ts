import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './btyd-helpers.ts';

// SHA-256 as listed in the data set's README (shared/data/cdnow/README.md):
// the fixtures are the published files, whatever checkout the tests run in.
const FILES = {
  'cdnow_customers_summary.csv': '09d92ca80daaabe8be0f997d4c539f9c9606106baa5b199081fe01cbce5fa9f6',
  'cdnow_customers_summary_with_transactions.csv': '7ddd11b55be3227edfc1d58675154e96971b0de3ad37ddd9280d1dba154b8b2f',
  'CDNOW_sample.txt': '6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a',
  'LICENSE.txt': 'eabba5d927630ba270781bd2704815fd9ec942bceb418ffc05b43fec4d4ac2cc',
};

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('CDNOW fixtures', () => {
  it.each(Object.entries(FILES))('%s is a byte-for-byte copy', (name, hash) => {
    expect(sha256(FIXTURES + name)).toBe(hash);
  });
});
