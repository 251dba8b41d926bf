/**
 * Contract tests of every endpoint against every store: the embedded store
 * on the file `publish` builds, the embedded store straight on the gold
 * Parquet (no publish), and MongoDB on each Mongo-wire server we test
 * (MONGO_URI: mongo-java-server locally, or a real MongoDB; FERRETDB_URI:
 * FerretDB v1 over PostgreSQL). Expected values are read from the gold Parquet files
 * themselves, and the filters, sorts and pages are recomputed here.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_LABELS } from '../../src/pipeline/gold/segments.ts';
import type { Row } from '../../src/engines/engine.ts';
import type { ServingStore } from '../../src/serving/store.ts';
import { tempDir } from '../support/cli.ts';
import {
  appFor,
  buildLake,
  data,
  dropDatabase,
  get,
  gold,
  manifest,
  mongoUri,
  openVariant,
  publish,
  testDbName,
  type StoreVariant,
} from '../support/serving.ts';
import { MONGO_SERVERS } from '../support/services.ts';

let lake = '';
const mongoDb = testDbName('contract');

beforeAll(() => {
  lake = buildLake(tempDir('electrolake-contract-'), { scale: 0.5, seed: 11 });
  publish(lake, 'embedded');
  publish(lake, 'mongo', mongoDb); // mongo-java-server; FerretDB (slower to write) in its own hook below
});

afterAll(async () => {
  for (const server of MONGO_SERVERS) await dropDatabase(mongoDb, server.uri);
});

/** client_scores with the client's nom and pays, as /scores serves them. */
async function scoredClients(): Promise<Row[]> {
  const [scores, clients] = await Promise.all([gold(lake, 'client_scores'), gold(lake, 'dim_clients')]);
  const byId = new Map(clients.map((c) => [c['id_client'], c]));
  return scores.map((s) => ({ ...s, nom: byId.get(s['id_client'])?.['nom'] ?? null, pays: byId.get(s['id_client'])?.['pays'] ?? null }));
}

function sortBy(rows: Row[], field: string, direction: 'asc' | 'desc', tie = 'id_client'): Row[] {
  const value = (r: Row) => r[field] as number | string | null;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    // Nulls are the lowest value (first ascending, last descending), as in MongoDB.
    const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    return (direction === 'asc' ? c : -c) || Number(a[tie]) - Number(b[tie]);
  });
}

const VARIANTS: StoreVariant[] = ['embedded (published file)', 'embedded (gold Parquet, not published)', ...MONGO_SERVERS.map((s) => s.name)];

describe.each(VARIANTS)('API contract on the %s store', (variant) => {
  let store: ServingStore;
  let app: Hono;
  beforeAll(() => {
    if (variant === 'ferretdb') publish(lake, 'mongo', mongoDb, mongoUri(variant));
    store = openVariant(variant, lake, mongoDb);
    app = appFor(store, lake);
  });
  afterAll(async () => {
    await store.close();
  });

  it('/health names the store and the published run', async () => {
    const answer = await get(app, '/health');
    expect(answer.status).toBe(200);
    const health = answer.body.data as Record<string, unknown>;
    const run = await manifest(lake);
    expect(health).toMatchObject({ status: 'ok', store: store.kind, run_id: run.run_id, as_of: run.as_of });
  });

  it('/kpis is the kpis row, with meta', async () => {
    const answer = await get(app, '/kpis');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual((await gold(lake, 'kpis'))[0]);
    const meta = answer.body.meta ?? {};
    expect(meta['count']).toBe(1);
    expect(meta['as_of']).toBe((await manifest(lake)).as_of);
    expect(typeof meta['query_ms']).toBe('number');
    expect(meta['source']).toMatch(store.kind === 'mongo' ? /^mongo:/ : /^embedded:/);
    // The publication that answered: a MongoDB version, the embedded file's publish time; none when not published.
    const publication = (await store.info()).publication;
    expect(meta['publication']).toBe(publication);
    if (variant === 'embedded (gold Parquet, not published)') expect(publication).toBeNull();
    else expect(publication).toMatch(store.kind === 'mongo' ? /^p[0-9a-z]{8,}$/ : /^\d{4}-\d\d-\d\dT/);
  });

  it.each([
    ['/monthly', 'ca_monthly', 'mois'],
    ['/monthly_growth', 'monthly_growth', 'mois'],
    ['/by_country', 'ca_country', 'ca DESC, pays'],
    ['/by_product', 'ca_product', 'ca DESC, produit'],
    ['/distribution', 'distribution', 'min'],
    ['/daily', 'daily', 'date'],
    ['/weekly', 'weekly', 'week_start'],
    ['/cohort', 'cohort_first_purchase', 'cohort_month, month_offset'],
  ] as const)('%s is the whole %s table in order', async (path, table, order) => {
    const answer = await get(app, path);
    expect(answer.status).toBe(200);
    const expected = await gold(lake, table, order);
    expect(answer.body.data).toEqual(expected);
    expect(answer.body.meta?.['count']).toBe(expected.length);
  });

  it('/daily, /weekly and /monthly take an inclusive date range', async () => {
    const daily = await gold(lake, 'daily', 'date');
    expect(await data(app, '/daily?from=2024-02-27&to=2024-03-02')).toEqual(
      daily.filter((r) => String(r['date']) >= '2024-02-27' && String(r['date']) <= '2024-03-02'),
    );
    expect(await data<Row[]>(app, '/daily?from=2024-02-27&to=2024-03-02')).toHaveLength(5); // 2024 is a leap year
    const weekly = await gold(lake, 'weekly', 'week_start');
    expect(await data(app, '/weekly?from=2025-01-01')).toEqual(weekly.filter((r) => String(r['week_start']) >= '2025-01-01'));
    const monthly = await gold(lake, 'ca_monthly', 'mois');
    const inRange = monthly.filter((r) => String(r['mois']) >= '2023-11' && String(r['mois']) <= '2024-02');
    expect(inRange).toHaveLength(4);
    expect(await data(app, '/monthly?from=2023-11&to=2024-02')).toEqual(inRange);
    expect(await data(app, '/monthly?from=2023-11-20&to=2024-02-01')).toEqual(inRange); // a date means its month
    const growth = await gold(lake, 'monthly_growth', 'mois');
    expect(await data(app, '/monthly_growth?to=2019-03')).toEqual(growth.filter((r) => String(r['mois']) <= '2019-03'));
    expect(await data(app, '/daily?from=2030-01-01')).toEqual([]); // a range with no day is empty, not an error
  });

  it('/segments lists the five segments in rule order', async () => {
    const rows = await gold(lake, 'segment_summary');
    const served = await data<Row[]>(app, '/segments');
    expect(served.map((r) => r['segment_label'])).toEqual(SEGMENT_LABELS.filter((l) => rows.some((r) => r['segment_label'] === l)));
    expect(sortBy(served, 'segment_label', 'asc', 'n_clients')).toEqual(sortBy(rows, 'segment_label', 'asc', 'n_clients'));
  });

  it('/scores defaults to the 100 most likely to buy again, with nom and pays', async () => {
    const clients = await scoredClients();
    const answer = await get(app, '/scores');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual(sortBy(clients, 'prob_reachat_12m', 'desc').slice(0, 100));
    expect(answer.body.meta).toMatchObject({ count: clients.length, total: clients.length, returned: 100, limit: 100, offset: 0 });
  });

  it('/scores filters by segment, country and probability, sorts and pages', async () => {
    const clients = await scoredClients();
    const matching = clients.filter(
      (c) =>
        ['Actifs', 'À relancer'].includes(String(c['segment_label'])) &&
        ['France', 'Belgique'].includes(String(c['pays'])) &&
        Number(c['prob_reachat_12m']) >= 0.2 &&
        Number(c['prob_reachat_12m']) <= 0.8,
    );
    expect(matching.length).toBeGreaterThan(40);
    const path = '/scores?segment=Actifs,%C3%80%20relancer&pays=France,Belgique&min_prob=0.2&max_prob=0.8&sort=-value_at_risk_12m&limit=15&offset=10';
    const answer = await get(app, path);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual(sortBy(matching, 'value_at_risk_12m', 'desc').slice(10, 25));
    expect(answer.body.meta).toMatchObject({ count: matching.length, returned: 15, limit: 15, offset: 10 });

    // Ascending sort on a column with nulls and ties, then a page past the end.
    const dormants = clients.filter((c) => c['segment_label'] === 'Dormants');
    expect(await data(app, '/scores?segment=Dormants&sort=recency_days&limit=7')).toEqual(sortBy(dormants, 'recency_days', 'asc').slice(0, 7));
    const past = await get(app, `/scores?segment=Dormants&offset=${dormants.length + 5}`);
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    expect(past.body.meta?.['count']).toBe(dormants.length);
  });

  it('/scores/{id_client} is one client; an unknown client is 404', async () => {
    const clients = await scoredClients();
    const client = clients[Math.floor(clients.length / 2)];
    expect(await data(app, `/scores/${String(client?.['id_client'])}`)).toEqual(client);
    const missing = await get(app, '/scores/987654321');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('NOT_FOUND');
  });

  it('/cohort?format=matrix has one cell per cohort and month offset', async () => {
    const rows = await gold(lake, 'cohort_first_purchase', 'cohort_month, month_offset');
    const matrix = await data<{
      cohorts: string[];
      offsets: number[];
      n_clients: number[];
      retention_rate: (number | null)[][];
      active_clients: (number | null)[][];
    }>(app, '/cohort?format=matrix');
    const cohorts = [...new Set(rows.map((r) => String(r['cohort_month'])))].sort();
    expect(matrix.cohorts).toEqual(cohorts);
    expect(matrix.offsets.at(-1)).toBe(Math.max(...rows.map((r) => Number(r['month_offset']))));
    for (const row of rows) {
      const i = cohorts.indexOf(String(row['cohort_month']));
      const o = Number(row['month_offset']);
      expect(matrix.retention_rate[i]?.[o]).toBe(row['retention_rate']);
      expect(matrix.active_clients[i]?.[o]).toBe(row['active_clients']);
      expect(matrix.n_clients[i]).toBe(row['n_clients']);
    }
    // The first cohort is observed over the whole history: no null; the last one only in its first month.
    expect(matrix.retention_rate[0]).not.toContain(null);
    expect(matrix.retention_rate.at(-1)?.slice(1).every((v) => v === null)).toBe(true);
    const ranged = await data<{ cohorts: string[] }>(app, '/cohort?format=matrix&from=2025-01&to=2025-03');
    expect(ranged.cohorts).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('/runs/latest is the lake manifest completed by its run record; /openapi.json documents every endpoint', async () => {
    // The API never shows a path: the lake and sources folders are replaced, the rest is the manifest, with
    // the end of the run (time, total and commit seconds, peak memory) from `_runs/<run_id>.json`.
    const snapshot = await manifest(lake);
    const { finished_at, timings_s, peak_rss_mb } = await manifest(lake, snapshot.run_id);
    const served = await data<typeof snapshot>(app, '/runs/latest');
    expect(served).toEqual({ ...snapshot, finished_at, timings_s, peak_rss_mb, lake: '<path>', sources: '<path>' });
    expect(Date.parse(served.finished_at)).toBeGreaterThanOrEqual(Date.parse(served.started_at));
    expect(served.timings_s['total']).toBeGreaterThan(0);
    expect(served.peak_rss_mb).toBeGreaterThan(0);
    const openapi = await get(app, '/openapi.json');
    expect(openapi.status).toBe(200);
    const doc = openapi.body as unknown as { openapi: string; paths: Record<string, { get: { parameters: { name: string }[] } }> };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/health', '/kpis', '/monthly', '/monthly_growth', '/by_country', '/by_product', '/distribution', '/daily', '/weekly', '/segments', '/scores', '/scores/{id_client}', '/cohort']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/scores']?.get.parameters.map((p) => p.name)).toEqual(['segment', 'pays', 'min_prob', 'max_prob', 'sort', 'limit', 'offset']);
  });
});

describe('the stores agree', () => {
  it('answers every endpoint with the same data and counts on every store', async () => {
    const stores = VARIANTS.map((v) => openVariant(v, lake, mongoDb));
    try {
      const apps = stores.map((s) => appFor(s, lake));
      for (const path of ['/kpis', '/segments', '/scores?limit=1000&sort=expected_value_12m', '/scores?pays=Suisse&limit=1000', '/weekly', '/cohort?format=matrix', '/monthly_growth']) {
        const answers = await Promise.all(apps.map((a) => get(a, path)));
        for (const answer of answers.slice(1)) {
          expect(answer.body.data, path).toEqual(answers[0]?.body.data);
          expect(answer.body.meta?.['count'], path).toBe(answers[0]?.body.meta?.['count']);
        }
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
