import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { expect } from 'vitest';
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/api/app.ts';
import type { GoldTableName } from '../../src/core/schema.ts';
import type { Row } from '../../src/engines/engine.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { EmbeddedStore } from '../../src/serving/embedded.ts';
import { snapshotPath } from '../../src/serving/embedded-path.ts';
import { MongoStore } from '../../src/serving/mongo.ts';
import type { ServingStore } from '../../src/serving/store.ts';
import { cli } from './cli.ts';
import { readParquet } from './duckdb.ts';
import { MONGO_SERVERS, MONGO_URI, type MongoServerName } from './services.ts';

/** Generates sources and runs the pipeline into `<dir>/lake` through the real command line. */
export function buildLake(dir: string, options: { scale: number; seed: number; dirty?: number }): string {
  const sources = join(dir, 'sources');
  const lake = join(dir, 'lake');
  const generate = cli(['generate', '--scale', String(options.scale), '--seed', String(options.seed), '--dirty', String(options.dirty ?? 0.02), '--out', sources]);
  expect(generate.status, generate.stderr).toBe(0);
  const run = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
  expect(run.status, run.stderr).toBe(0);
  return lake;
}

/** `electrolake publish --json` into the embedded file, or into `mongoDb` on a Mongo-wire server (mongo-java-server by default). */
export function publish(lake: string, store: 'embedded' | 'mongo', mongoDb?: string, uri: string = MONGO_URI, extra: string[] = []) {
  const args = ['publish', '--lake', lake, '--store', store, '--json', ...extra];
  if (store === 'mongo') args.push('--mongo-uri', uri, '--mongo-db', mongoDb ?? '');
  const result = cli(args);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { tables: { table: string; collection: string; rows: number }[]; run_id: string; seconds: number };
}

/** A database name of its own for a test file (dropped by `dropDatabase`). */
export function testDbName(prefix: string): string {
  return `electrolake_${prefix}_${randomUUID().slice(0, 8)}`;
}

export async function dropDatabase(name: string, uri: string = MONGO_URI): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

export type StoreVariant = 'embedded (published file)' | 'embedded (gold Parquet, not published)' | MongoServerName;

/** How often the tests' Mongo stores re-read the publication pointer: a publish shows within this. */
export const TEST_RECHECK_MS = 100;

/** A store the way `electrolake serve` opens it, for one lake. */
export function openVariant(variant: StoreVariant, lake: string, mongoDb: string): ServingStore {
  const local = new LocalLake(lake, join(lake, '..', 'sources'));
  switch (variant) {
    case 'embedded (published file)':
      return new EmbeddedStore({ lake: local, snapshot: snapshotPath(local) });
    case 'embedded (gold Parquet, not published)':
      return new EmbeddedStore({ lake: local, snapshot: join(lake, 'serving', 'none.duckdb') });
    case 'mongo':
    case 'ferretdb':
      return new MongoStore({ uri: mongoUri(variant), db: mongoDb, recheckMs: TEST_RECHECK_MS });
  }
}

export function mongoUri(server: MongoServerName): string {
  return MONGO_SERVERS.find((s) => s.name === server)?.uri ?? MONGO_URI;
}

export function appFor(store: ServingStore, lake: string, options: AppOptions = {}): Hono {
  return createApp(store, { lake: new LocalLake(lake, join(lake, '..', 'sources')), staticDir: null, ...options });
}

export interface Answer {
  status: number;
  body: { data?: unknown; meta?: Record<string, unknown>; error?: { code: string; message: string; details: Record<string, unknown> } };
  headers: Headers;
}

export async function get(app: Hono, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await app.request(path, { headers });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`${path}: not JSON (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, body, headers: response.headers };
}

/** The data of a 200 answer, failing with the error body otherwise. */
export async function data<T = unknown>(app: Hono, path: string): Promise<T> {
  const answer = await get(app, path);
  expect(answer.status, `${path}: ${JSON.stringify(answer.body.error)}`).toBe(200);
  return answer.body.data as T;
}

export function gold(lake: string, table: GoldTableName, orderBy?: string): Promise<Row[]> {
  return readParquet(join(lake, 'gold', `${table}.parquet`), orderBy);
}

/** The current snapshot's manifest, or with `runId` that run's own record (written after the commit, with its end). */
export async function manifest(lake: string, runId?: string): Promise<RunManifest> {
  return JSON.parse(await readFile(join(lake, runId ? `_runs/${runId}.json` : '_runs/latest.json'), 'utf8')) as RunManifest;
}
