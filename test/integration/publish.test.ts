/**
 * `electrolake publish` through the real command line: every gold table
 * lands in its collection with the right counts, dates as dates and the
 * indexes; publishing twice gives identical collections; a reader polling
 * during a publish never sees an empty or half-filled collection; and a
 * publish killed half way (SIGKILL, no chance to clean up) leaves the
 * previous publication serving, on MongoDB and on the embedded store.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLD_SCHEMA, GOLD_TABLES } from '../../src/core/schema.ts';
import { cli, cliAsync, REPO, tempDir } from '../support/cli.ts';
import { killCliAt } from '../support/kill.ts';
import { appFor, buildLake, data, dropDatabase, get, gold, manifest, openVariant, publish, testDbName } from '../support/serving.ts';
import { MONGO_URI } from '../support/services.ts';

const dir = tempDir('electrolake-publish-');
let lakeA = '';
let lakeB = '';
const mongoDb = testDbName('publish');
const client = new MongoClient(MONGO_URI, { serverSelectionTimeoutMS: 5_000 });
let db: Db;

beforeAll(() => {
  lakeA = buildLake(join(dir, 'a'), { scale: 0.3, seed: 21 });
  lakeB = buildLake(join(dir, 'b'), { scale: 4, seed: 22 }); // big enough that a kill lands half way
  db = client.db(mongoDb);
});

afterAll(async () => {
  await dropDatabase(mongoDb);
  await client.close();
});

/** Every collection's documents without `_id`, in key order. */
async function snapshot(): Promise<Record<string, Document[]>> {
  const out: Record<string, Document[]> = {};
  for (const table of GOLD_TABLES) {
    const schema = GOLD_SCHEMA[table];
    const sort = Object.fromEntries(schema.key.map((k) => [k, 1 as const]));
    out[schema.collection] = await db.collection(schema.collection).find({}, { projection: { _id: 0 } }).sort(sort).toArray();
  }
  return out;
}

describe('publish to MongoDB', () => {
  it('publishes every gold table into its collection: counts, dates as dates, indexes', async () => {
    const report = publish(lakeA, 'mongo', mongoDb);
    expect(report.run_id).toBe((await manifest(lakeA)).run_id);
    for (const table of GOLD_TABLES) {
      const rows = (await gold(lakeA, table)).length;
      const collection = GOLD_SCHEMA[table].collection;
      expect(report.tables.find((t) => t.table === table)?.rows, table).toBe(rows);
      expect(await db.collection(collection).countDocuments(), collection).toBe(rows);
    }
    const fact = await db.collection('gold_fact_achats').findOne({});
    expect(fact?.['date_achat']).toBeInstanceOf(Date);
    const kpis = await db.collection('gold_kpis').findOne({});
    expect(kpis?.['as_of']).toBeInstanceOf(Date);
    // A one-column key is the _id (unique by nature); a composite key gets a unique index.
    const score = await db.collection('gold_client_scores').findOne({});
    expect(score?.['_id']).toBe(score?.['id_client']);
    const indexes = await db.collection('gold_client_scores').listIndexes().toArray();
    expect(indexes.some((i) => JSON.stringify(i['key']) === JSON.stringify({ segment_label: 1, prob_reachat_12m: -1, _id: 1 }))).toBe(true);
    const cohortIndexes = await db.collection('gold_cohort_first_purchase').listIndexes().toArray();
    expect(cohortIndexes.find((i) => i['name'] === 'key')).toMatchObject({ unique: true, key: { cohort_month: 1, month_offset: 1 } });
    const publication = await db.collection('serving_publication').findOne({ _id: 'current' as never });
    expect(publication).toMatchObject({ run_id: report.run_id, as_of: (await manifest(lakeA)).as_of });
  });

  it('publishing twice gives identical collections, no duplicates, no staging left', async () => {
    const first = await snapshot();
    publish(lakeA, 'mongo', mongoDb);
    const second = await snapshot();
    expect(second).toEqual(first);
    const clients = await db.collection('gold_client_scores').distinct('id_client');
    expect(clients.length).toBe(first['gold_client_scores']?.length);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual([...GOLD_TABLES.map((t) => GOLD_SCHEMA[t].collection), 'serving_publication'].sort());
  });

  it('a publish killed half way leaves the previous publication serving; the next publish completes', async () => {
    const before = await snapshot();
    const store = openVariant('mongo', lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const progress = await killCliAt(['publish', '--lake', lakeB, '--store', 'mongo', '--mongo-uri', MONGO_URI, '--mongo-db', mongoDb], /gold_\w+: [\d,]+ rows/);
      expect(progress).not.toMatch(/published run/);
      expect(await snapshot()).toEqual(before);
      expect(await data(app, '/kpis')).toEqual((await gold(lakeA, 'kpis'))[0]);
      expect((await get(app, '/health')).body.data).toMatchObject({ run_id: (await manifest(lakeA)).run_id });
      const leftovers = (await db.listCollections({}, { nameOnly: true }).toArray()).filter((c) => c.name.includes('__staging_'));
      expect(leftovers.length).toBeGreaterThan(0); // the killed run's staging, not served

      publish(lakeB, 'mongo', mongoDb);
      expect(await data(app, '/kpis')).toEqual((await gold(lakeB, 'kpis'))[0]);
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      expect(names.filter((n) => n.includes('__staging_'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('a reader polling during a publish always gets one whole publication or the other', async () => {
    publish(lakeA, 'mongo', mongoDb);
    const [countA, countB] = [(await gold(lakeA, 'client_scores')).length, (await gold(lakeB, 'client_scores')).length];
    const [kpisA, kpisB] = [(await gold(lakeA, 'kpis'))[0], (await gold(lakeB, 'kpis'))[0]];
    const store = openVariant('mongo', lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const child = cliAsync(['publish', '--lake', lakeB, '--store', 'mongo', '--mongo-uri', MONGO_URI, '--mongo-db', mongoDb]);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let done = false;
      void exited.then(() => (done = true));
      const seen = { a: 0, b: 0 };
      while (!done) {
        const [scores, kpis] = await Promise.all([get(app, '/scores?limit=1'), get(app, '/kpis')]);
        expect(scores.status, JSON.stringify(scores.body.error)).toBe(200);
        expect(kpis.status, JSON.stringify(kpis.body.error)).toBe(200);
        expect([countA, countB]).toContain(scores.body.meta?.['count']);
        expect([kpisA, kpisB]).toContainEqual(kpis.body.data);
        if (scores.body.meta?.['count'] === countA) seen.a++;
        else seen.b++;
      }
      expect(await exited).toBe(0);
      expect(seen.a).toBeGreaterThan(0);
      expect((await get(app, '/scores?limit=1')).body.meta?.['count']).toBe(countB);
    } finally {
      await store.close();
    }
  });

  it('fails with one line and exit 3 when MongoDB does not answer', () => {
    const result = cli(['publish', '--lake', lakeA, '--store', 'mongo', '--mongo-uri', 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500', '--mongo-db', mongoDb]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^electrolake: MongoDB at mongodb:\/\/127\.0\.0\.1:9\/.* did not answer/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('publish to the embedded store', () => {
  const lake = () => join(dir, 'embedded', 'lake');
  const file = () => join(lake(), 'serving', 'gold.duckdb');

  async function tables(path: string): Promise<Record<string, unknown[]>> {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const out: Record<string, unknown[]> = {};
      for (const table of GOLD_TABLES) out[table] = (await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRowObjectsJson();
      return out;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('builds the database file; twice gives identical tables', async () => {
    const lakeDir = buildLake(join(dir, 'embedded'), { scale: 0.3, seed: 21 });
    expect(lakeDir).toBe(lake());
    const report = publish(lake(), 'embedded');
    for (const table of GOLD_TABLES) {
      expect(report.tables.find((t) => t.table === table)?.rows, table).toBe((await gold(lake(), table)).length);
    }
    const first = await tables(file());
    publish(lake(), 'embedded');
    expect(await tables(file())).toEqual(first);
    expect(readdirSync(join(lake(), 'serving'))).toEqual(['gold.duckdb']);
  });

  it('a publish killed half way leaves the previous file serving; the next publish replaces it', async () => {
    const previous = (await gold(lake(), 'kpis'))[0];
    const store = openVariant('embedded (published file)', lake(), mongoDb);
    try {
      const app = appFor(store, lake());
      expect(await data(app, '/kpis')).toEqual(previous);
      // A new run into the same lake, then a publish of it killed after its first table.
      const run = cli(['run', '--sources', join(dir, 'b', 'sources'), '--lake', lake(), '--run-date', '2026-01-15']);
      expect(run.status, run.stderr).toBe(0);
      const progress = await killCliAt(['publish', '--lake', lake(), '--store', 'embedded'], /fact_achats: [\d,]+ rows/);
      expect(progress).not.toMatch(/published run/);
      expect(readdirSync(join(lake(), 'serving')).some((n) => n.startsWith('gold.duckdb.tmp-'))).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // past the store's re-check interval
      expect(await data(app, '/kpis')).toEqual(previous);

      publish(lake(), 'embedded');
      expect(readdirSync(join(lake(), 'serving'))).toEqual(['gold.duckdb']); // the killed run's temporary file is gone
      await new Promise((r) => setTimeout(r, 300));
      expect(await data(app, '/kpis')).toEqual((await gold(lake(), 'kpis'))[0]);
      expect(await data(app, '/kpis')).not.toEqual(previous);
    } finally {
      await store.close();
    }
  });

  it('refuses a lake without gold, with one line', () => {
    const result = cli(['publish', '--lake', join(dir, 'nothing'), '--store', 'embedded']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^electrolake: no gold tables in .*nothing: run electrolake run first/m);
    expect(existsSync(join(REPO, 'nothing'))).toBe(false);
  });
});
