/**
 * `electrolake publish --store mongo` (through the real command line where
 * the process matters: a first publish, a kill, readers during a publish,
 * rollbacks, refusals; the command's own code in this process otherwise), on
 * every Mongo-wire server we test (mongo-java-server and FerretDB over
 * PostgreSQL): versioned collections behind one pointer document; the
 * plain seed names as views or copies; publishing twice gives the same
 * data and keeps two versions; a publish killed half way leaves the
 * pointer (and the API) on the old version and its leftovers are cleaned
 * next time; readers during a publish get, per answer, the data of the
 * publication their `meta` names; rollback flips back and forth.
 */
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishToStore } from '../../src/cli/commands/publish.ts';
import { GOLD_SCHEMA, GOLD_TABLES, type GoldTableName } from '../../src/core/schema.ts';
import { mongoFilter, mongoSort } from '../../src/serving/mongo-docs.ts';
import { probeSeedNames } from '../../src/serving/mongo-seed-names.ts';
import type { FindQuery } from '../../src/serving/store.ts';
import { cli, cliAsync, tempDir } from '../support/cli.ts';
import { killCliAt } from '../support/kill.ts';
import { planStages, pointerOf, snapshot, strayCollections, versionsIn } from '../support/mongo-publication.ts';
import { appFor, buildLake, data, dropDatabase, get, gold, manifest, openVariant, publish, TEST_RECHECK_MS, testDbName } from '../support/serving.ts';
import { MONGO_SERVERS } from '../support/services.ts';

const dir = tempDir('electrolake-publish-mongo-');
const settle = () => new Promise((r) => setTimeout(r, TEST_RECHECK_MS * 3)); // past the store's pointer re-read

/**
 * Lakes A and B per server (other seeds, other data): FerretDB stores JSONB
 * rows in PostgreSQL and is many times slower to write, so it gets smaller
 * lakes and more time (it is a compatibility check, not a speed one). 14
 * tables: a kill after the first lands half way either way, so B need not
 * be bigger than A (it is published 2.5 times per server, and copied under
 * the plain names at each flip: a bigger B only cost time).
 */
const SIZES = { mongo: { scales: [0.3, 0.3] }, ferretdb: { scales: [0.1, 0.1] } } as const;
const lakes = new Map<string, string>();
const lakeOf = (scale: number, seed: number) => {
  const key = `${scale}_${seed}`;
  if (!lakes.has(key)) lakes.set(key, buildLake(join(dir, key), { scale, seed }));
  return lakes.get(key) ?? '';
};
let lakeA = '';

describe.each(MONGO_SERVERS)('publish to MongoDB on $name', ({ name: server, uri }) => {
  let lakeB = '';
  beforeAll(() => {
    lakeA = lakeOf(SIZES[server].scales[0], 21);
    lakeB = lakeOf(SIZES[server].scales[1], 22);
  });
  const mongoDb = testDbName(`publish_${server}`);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  let db: Db;
  // The command line publishes in the first test, and is killed, read during and rolled back below; the
  // other publishes run its code in this process (a child costs a second or more of start-up each).
  const publishTo = (lake: string, seedNames?: 'copy') =>
    publishToStore({ lake, store: 'mongo', mongoUri: uri, mongoDb, ...(seedNames === undefined ? {} : { seedNames }) }, () => {});
  const mongoArgs = ['--store', 'mongo', '--mongo-uri', uri, '--mongo-db', mongoDb];

  beforeAll(() => {
    db = client.db(mongoDb);
  });
  afterAll(async () => {
    await dropDatabase(mongoDb, uri);
    await client.close();
  });

  it('writes versioned collections, checks them, flips one pointer; plain names follow', async () => {
    const report = publish(lakeA, 'mongo', mongoDb, uri);
    const pointer = await pointerOf(db);
    expect(pointer).toMatchObject({ run_id: (await manifest(lakeA)).run_id, as_of: (await manifest(lakeA)).as_of, previous: null });
    const { mode } = await probeSeedNames(db, 'serving_probe_test');
    expect(pointer.seed_names).toBe(mode);
    for (const table of GOLD_TABLES) {
      const rows = (await gold(lakeA, table)).length;
      const collection = `${GOLD_SCHEMA[table].collection}__${pointer.version}`;
      expect(pointer.collections[table]).toBe(collection);
      expect(pointer.counts[table], table).toBe(rows);
      expect(report.tables.find((t) => t.table === table)?.rows, table).toBe(rows);
      expect(await db.collection(collection).countDocuments(), collection).toBe(rows);
    }
    const fact = await db.collection(pointer.collections.fact_achats ?? '').findOne({});
    expect(fact?.['date_achat']).toBeInstanceOf(Date);
    const score = await db.collection(pointer.collections.client_scores ?? '').findOne({});
    expect(score?.['_id']).toBe(score?.['id_client']); // a one-column key is the _id
    const cohortIndexes = await db.collection(pointer.collections.cohort_first_purchase ?? '').listIndexes().toArray();
    expect(cohortIndexes.find((i) => i['name'] === 'key')).toMatchObject({ unique: true, key: { cohort_month: 1, month_offset: 1 } });
    // The seed's names (for Metabase): a view or a copy, with the same documents.
    expect(await snapshot(db, 'plain names')).toEqual(await snapshot(db, 'pointer'));
    const kinds = new Map((await db.listCollections().toArray()).map((c) => [c.name, (c as { type?: string }).type]));
    expect(kinds.get('gold_kpis')).toBe(mode === 'view' ? 'view' : 'collection');
  });

  it('publishing again gives the same data; two versions are kept, older ones dropped, nothing else left', async () => {
    const first = await snapshot(db, 'pointer');
    const v1 = (await pointerOf(db)).version;
    await publishTo(lakeA);
    const v2 = (await pointerOf(db)).version;
    expect(v2).not.toBe(v1);
    expect(await snapshot(db, 'pointer')).toEqual(first);
    expect((await pointerOf(db)).previous?.version).toBe(v1);
    await publishTo(lakeA, 'copy'); // the copy mode, forced, on any server
    const pointer = await pointerOf(db);
    expect(pointer.seed_names).toBe('copy');
    expect(await versionsIn(db)).toEqual([v2, pointer.version].sort());
    expect(await strayCollections(db)).toEqual([]);
    expect(await snapshot(db, 'plain names')).toEqual(first);
  });

  it('a publish killed half way leaves the pointer and the API on the old version; the next publish cleans up', async () => {
    const before = await pointerOf(db);
    const data0 = await snapshot(db, 'pointer');
    const store = openVariant(server, lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const progress = await killCliAt(['publish', '--lake', lakeB, ...mongoArgs], /gold_\w+: [\d,]+ rows/);
      expect(progress).not.toMatch(/serving_publication →/);
      expect((await pointerOf(db)).version).toBe(before.version);
      expect(await snapshot(db, 'pointer')).toEqual(data0);
      expect(await data(app, '/kpis')).toEqual((await gold(lakeA, 'kpis'))[0]);
      expect((await get(app, '/kpis')).body.meta?.['publication']).toBe(before.version);
      expect((await versionsIn(db)).length).toBe(3); // current, previous and the killed one's

      await publishTo(lakeB);
      await settle();
      expect(await data(app, '/kpis')).toEqual((await gold(lakeB, 'kpis'))[0]);
      const after = await pointerOf(db);
      expect(await versionsIn(db)).toEqual([before.version, after.version].sort());
      expect(await strayCollections(db)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('readers during a publish: each answer is the data of the publication its meta names', async () => {
    await publishTo(lakeA);
    const vA = (await pointerOf(db)).version;
    const expected = async (lake: string) => ({ kpis: (await gold(lake, 'kpis'))[0], monthly: await gold(lake, 'ca_monthly', 'mois') });
    const byLake = { A: await expected(lakeA), B: await expected(lakeB) };
    const store = openVariant(server, lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const child = cliAsync(['publish', '--lake', lakeB, ...mongoArgs]);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let done = false;
      void exited.then(() => (done = true));
      const answers: { publication: unknown; kpis: unknown; monthly: unknown; monthlyPublication: unknown }[] = [];
      while (!done) {
        const [kpis, monthly] = await Promise.all([get(app, '/kpis'), get(app, '/monthly')]);
        expect(kpis.status, JSON.stringify(kpis.body.error)).toBe(200);
        expect(monthly.status, JSON.stringify(monthly.body.error)).toBe(200);
        answers.push({ publication: kpis.body.meta?.['publication'], kpis: kpis.body.data, monthly: monthly.body.data, monthlyPublication: monthly.body.meta?.['publication'] });
      }
      expect(await exited).toBe(0);
      await settle();
      const last = await get(app, '/monthly');
      const vB = (await pointerOf(db)).version;
      expect(last.body.meta?.['publication']).toBe(vB);
      expect(last.body.data).toEqual(byLake.B.monthly);
      const lakeOf = (v: unknown) => (v === vA ? byLake.A : v === vB ? byLake.B : undefined);
      for (const answer of answers) {
        expect(lakeOf(answer.publication)?.kpis).toEqual(answer.kpis);
        expect(lakeOf(answer.monthlyPublication)?.monthly).toEqual(answer.monthly);
      }
      expect(answers.filter((a) => a.publication === vA).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('--rollback flips back to the previous publication, and a second one forward again', async () => {
    const now = await pointerOf(db);
    const previous = now.previous?.version;
    const store = openVariant(server, lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const back = cli(['publish', '--lake', lakeA, '--rollback', ...mongoArgs]);
      expect(back.status, back.stderr).toBe(0);
      expect(back.stdout).toContain(`to publication ${previous}`);
      expect(await pointerOf(db)).toMatchObject({ version: previous, previous: { version: now.version } });
      await settle();
      const answer = await get(app, '/kpis');
      expect(answer.body.meta?.['publication']).toBe(previous);
      expect(answer.body.data).toEqual((await gold(lakeA, 'kpis'))[0]);
      // kpis only: the whole snapshot (15 tables, twice) was read to compare this one table.
      expect(await snapshot(db, 'plain names', ['kpis'])).toEqual(await snapshot(db, 'pointer', ['kpis']));

      expect(cli(['publish', '--lake', lakeA, '--rollback', ...mongoArgs]).status).toBe(0);
      expect((await pointerOf(db)).version).toBe(now.version);
      await settle();
      expect(await data(app, '/kpis')).toEqual((await gold(lakeB, 'kpis'))[0]);
    } finally {
      await store.close();
    }
  });

  it('unfiltered counts and the empty (503) decision come from the pointer, not from the server', async () => {
    const pointer = await pointerOf(db);
    const scores = db.collection(pointer.collections.client_scores ?? '');
    const store = openVariant(server, lakeA, mongoDb);
    try {
      const app = appFor(store, lakeA);
      const removed = await scores.findOne({}, { sort: { _id: -1 } });
      expect(removed).not.toBeNull();
      await scores.deleteOne({ _id: removed?._id as never }); // behind the publisher's back: the count stays the recorded one
      expect((await get(app, '/scores?limit=1')).body.meta?.['count']).toBe(pointer.counts.client_scores);
      await db.collection('serving_publication').updateOne({ _id: 'current' as never }, { $set: { 'counts.kpis': 0 } });
      await settle();
      const empty = await get(app, '/kpis');
      expect(empty.status).toBe(503);
      expect(empty.body.error?.code).toBe('EMPTY');
      await db.collection('serving_publication').updateOne({ _id: 'current' as never }, { $set: { 'counts.kpis': 1 } });
      if (removed) await scores.insertOne(removed);
    } finally {
      await store.close();
    }
  });

  it("the API's query shapes have their index (and use it, where the server explains in MongoDB's form)", async () => {
    const pointer = await pointerOf(db);
    const id = Number((await gold(lakeA, 'fact_achats'))[0]?.['id_client']);
    const shapes: [GoldTableName, FindQuery, Record<string, 1 | -1>][] = [
      ['client_scores', { limit: 100 }, { prob_reachat_12m: -1, _id: 1 }],
      ['client_scores', { filters: [{ field: 'segment_label', op: 'in', value: ['Actifs', 'VIP'] }], limit: 50 }, { segment_label: 1, prob_reachat_12m: -1, _id: 1 }],
      ['client_scores', { filters: [{ field: 'pays', op: 'in', value: ['France'] }], limit: 50 }, { pays: 1, prob_reachat_12m: -1, _id: 1 }],
      ['client_scores', { sort: [{ field: 'value_at_risk_12m', direction: 'desc' }], limit: 50 }, { value_at_risk_12m: -1, _id: 1 }],
      ['client_scores', { sort: [{ field: 'recency_days', direction: 'asc' }], limit: 50 }, { recency_days: 1, _id: 1 }],
      ['daily', { filters: [{ field: 'date', op: 'gte', value: '2024-02-27' }, { field: 'date', op: 'lte', value: '2024-03-02' }] }, { _id: 1 }],
      ['weekly', { filters: [{ field: 'week_start', op: 'gte', value: '2025-01-01' }] }, { _id: 1 }],
      ['call_list', { filters: [{ field: 'action', op: 'in', value: ['relancer'] }], limit: 50 }, { action: 1, priority: -1, _id: 1 }],
      // `/clients/{id}`: the client's purchases, newest first.
      ['fact_achats', { filters: [{ field: 'id_client', op: 'eq', value: id }], sort: [{ field: 'date_achat', direction: 'desc' }, { field: 'id_achat', direction: 'desc' }] }, { id_client: 1, date_achat: -1, _id: -1 }],
    ];
    for (const [table, query, index] of shapes) {
      const collection = db.collection(pointer.collections[table] ?? '');
      const keys = (await collection.listIndexes().toArray()).map((i) => JSON.stringify(i['key']));
      expect(keys, `${table} ${JSON.stringify(query)}`).toContain(JSON.stringify(index));
      const cursor = collection.find(mongoFilter(table, query.filters ?? [])).sort(mongoSort(table, query)).limit(query.limit ?? 0);
      const explained = await cursor.explain().catch(() => undefined);
      const stages = explained && planStages(explained);
      if (stages) {
        expect(stages, `${table} ${JSON.stringify(query)}`).not.toContain('COLLSCAN');
        expect(stages, `${table} ${JSON.stringify(query)}`).not.toContain('SORT');
      }
    }
  });

  it('refuses --seed-names view on a server without views, and --rollback with nothing to go back to, in one line', async () => {
    const { mode } = await probeSeedNames(db, 'serving_probe_test');
    if (mode !== 'view') {
      const before = (await pointerOf(db)).version;
      const view = cli(['publish', '--lake', lakeA, '--seed-names', 'view', ...mongoArgs]);
      expect(view.status).toBe(2);
      expect(view.stderr).toMatch(/^electrolake: --seed-names view: this server has no views/m);
      expect((await pointerOf(db)).version).toBe(before);
    }
    const fresh = testDbName(`fresh_${server}`);
    const none = cli(['publish', '--lake', lakeA, '--rollback', '--store', 'mongo', '--mongo-uri', uri, '--mongo-db', fresh]);
    await dropDatabase(fresh, uri);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^electrolake: no previous publication to roll back to/m);
    expect(none.stderr).not.toMatch(/\n\s+at /);
  });
}, 600_000);

it('--rollback on the embedded store is refused in one line', () => {
  const result = cli(['publish', '--lake', lakeA, '--store', 'embedded', '--rollback']);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^electrolake: --rollback needs the mongo store/m);
});
