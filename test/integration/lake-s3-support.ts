import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DeleteBucketCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { Row } from '../../src/engines/engine.ts';
import { openLake } from '../../src/lake/open.ts';
import { REPO, type CliResult } from '../support/cli.ts';
import { readParquet } from '../support/duckdb.ts';
import { S3_CREDENTIALS, S3_ENDPOINT, S3_REGION } from '../support/services.ts';

/** What an `electrolake` child needs for the shared MinIO, with a read cache of the test's own and no LAKE_URI. */
export function s3TestEnv(cacheDir: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: S3_ENDPOINT,
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    AWS_REGION: S3_REGION,
    LAKE_CACHE_DIR: cacheDir,
    LAKE_URI: '',
  };
}

/** Every key of a bucket under a prefix, sorted. */
export async function listKeys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys.sort();
}

export async function emptyBucket(s3: S3Client, bucket: string, drop: boolean): Promise<void> {
  const keys = await listKeys(s3, bucket);
  for (let i = 0; i < keys.length; i += 1000) {
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) } }));
  }
  if (drop) await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/**
 * What readers of a lake see: each live one-file table and each pointer of a
 * table of parts (key → ETag), and the latest manifest. Staged versions and
 * run markers are not part of it.
 */
export async function snapshot(s3: S3Client, bucket: string, prefix: string): Promise<{ tables: Record<string, string>; latest: string }> {
  const tables: Record<string, string> = {};
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      const key = o.Key ?? '';
      const rest = key.slice(prefix.length);
      if (/^(bronze|silver|gold)\/[^/]+\.parquet$/.test(rest) || /^(bronze|silver|gold)\/_versions\/[^/]+\/_current\.json$/.test(rest)) {
        tables[rest] = o.ETag ?? '';
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  const latest = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}_runs/latest.json` }));
  return { tables, latest: (await latest.Body?.transformToString()) ?? '' };
}

/**
 * A gold table's rows through the lake (local copies for an S3 lake), in a
 * fixed order, with doubles to 12 significant digits: a parallel sum may
 * differ in its last bits from one run to the next, on any lake.
 */
export async function goldRows(uri: string, table: string): Promise<Row[]> {
  const lake = await openLake({ lake: uri });
  const rows = await readParquet((await lake.resolveRead('gold', table, ['local'])).path, 'ALL');
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v])));
}

/** One clear line on stderr, the expected exit status, no stack trace. */
export function expectOneLineError(result: CliResult, pattern: RegExp, status: number): void {
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status, result.stderr).toBe(status);
}

/** Runs the CLI and calls `action` once when its progress (stderr) matches `marker`. */
export function runUntil(args: string[], env: NodeJS.ProcessEnv, marker: RegExp, action: () => Promise<void>): Promise<CliResult> {
  const child = spawn(process.execPath, [join(REPO, 'bin/electrolake.mjs'), ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let acted: Promise<void> | undefined;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (acted === undefined && marker.test(stderr)) acted = action();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      if (acted === undefined) reject(new Error(`the run ended before ${marker}: ${stderr}`));
      else void acted.then(() => resolve({ status, stdout, stderr }), reject);
    });
  });
}
