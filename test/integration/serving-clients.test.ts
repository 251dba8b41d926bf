/**
 * The sales team's endpoints on every store (embedded published file,
 * embedded over the gold Parquet, MongoDB): `/call_list`, the client view
 * `/clients/{id_client}` and the name search `/clients?q=`. Expected values
 * are read from the gold Parquet files and recomputed here.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engines/engine.ts';
import { CALL_ACTIONS } from '../../src/pipeline/gold/segments.ts';
import type { ServingStore } from '../../src/serving/store.ts';
import { tempDir } from '../support/cli.ts';
import { appFor, buildLake, data, dropDatabase, get, gold, openVariant, publish, testDbName, type StoreVariant } from '../support/serving.ts';

let lake = '';
const mongoDb = testDbName('clients');

beforeAll(() => {
  lake = buildLake(tempDir('electrolake-clients-'), { scale: 0.5, seed: 7 });
  publish(lake, 'embedded');
  publish(lake, 'mongo', mongoDb);
});

afterAll(async () => {
  await dropDatabase(mongoDb);
});

/** Lower case without accents, written independently of the API's own folding. */
const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const binary = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
const byPriority = (a: Row, b: Row) => Number(b['priority']) - Number(a['priority']) || Number(a['id_client']) - Number(b['id_client']);

const VARIANTS: StoreVariant[] = ['embedded (published file)', 'embedded (gold Parquet, not published)', 'mongo'];

describe.each(VARIANTS)('clients and call list on the %s store', (variant) => {
  let store: ServingStore;
  let app: Hono;
  beforeAll(() => {
    store = openVariant(variant, lake, mongoDb);
    app = appFor(store, lake);
  });
  afterAll(async () => {
    await store.close();
  });

  it('/call_list is the gold call list by priority, each row with a reason', async () => {
    const expected = (await gold(lake, 'call_list')).sort(byPriority);
    expect(new Set(expected.map((r) => r['action']))).toEqual(new Set(CALL_ACTIONS));
    const answer = await get(app, '/call_list?limit=1000');
    expect(answer.status).toBe(200);
    const rows = answer.body.data as Row[];
    expect(rows).toEqual(expected.slice(0, 1000));
    expect(rows.map((r) => r['rank'])).toEqual(rows.map((_, i) => i + 1));
    for (const row of rows) expect(String(row['reason']).trim().length, String(row['id_client'])).toBeGreaterThan(20);
    expect(answer.body.meta).toMatchObject({ count: expected.length, total: expected.length, returned: Math.min(1000, expected.length) });
  });

  it('/call_list filters by action, segment and country, and pages', async () => {
    const expected = (await gold(lake, 'call_list'))
      .filter((r) => ['relancer', 'reactiver'].includes(String(r['action'])) && ['France', 'Espagne'].includes(String(r['pays'])))
      .sort(byPriority);
    expect(expected.length).toBeGreaterThan(30);
    const answer = await get(app, '/call_list?action=relancer,reactiver&pays=France,Espagne&limit=10&offset=5');
    expect(answer.body.data).toEqual(expected.slice(5, 15));
    expect(answer.body.meta).toMatchObject({ count: expected.length, returned: 10, limit: 10, offset: 5 });
    const vip = await data<Row[]>(app, '/call_list?segment=VIP&limit=5');
    expect(vip.every((r) => r['action'] === 'fideliser')).toBe(true);
  });

  it('/clients/{id_client} is the client, its scores, its call-list row and its purchases (fact_achats, newest first)', async () => {
    const [facts, clients, scores, calls] = await Promise.all([
      gold(lake, 'fact_achats'), gold(lake, 'dim_clients'), gold(lake, 'client_scores'), gold(lake, 'call_list'),
    ]);
    const counts = new Map<unknown, number>();
    for (const f of facts) counts.set(f['id_client'], (counts.get(f['id_client']) ?? 0) + 1);
    const id = [...counts].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0]?.[0];
    const client = await data<Record<string, unknown>>(app, `/clients/${String(id)}`);
    const purchases = facts
      .filter((f) => f['id_client'] === id)
      .sort((a, b) => String(b['date_achat']).localeCompare(String(a['date_achat'])) || Number(b['id_achat']) - Number(a['id_achat']))
      .map((f) => ({ id_achat: f['id_achat'], date_achat: f['date_achat'], montant: f['montant'], produit: f['produit'] }));
    expect(purchases.length).toBeGreaterThan(3);
    expect(client['purchases']).toEqual(purchases);
    const identity = clients.find((c) => c['id_client'] === id) ?? {};
    expect(client).toMatchObject({ id_client: id, nom: identity['nom'], email: identity['email'], pays: identity['pays'] });
    const score = scores.find((s) => s['id_client'] === id) ?? {};
    expect(client['scores']).toEqual({
      prob_reachat_12m: score['prob_reachat_12m'], expected_value_12m: score['expected_value_12m'],
      value_at_risk_12m: score['value_at_risk_12m'], model: score['model'],
    });
    expect((client['features'] as Row)['total_orders_all']).toBe(score['total_orders_all']);
    const call = calls.find((c) => c['id_client'] === id);
    expect(client).toMatchObject({ segment_label: score['segment_label'], action: call?.['action'] ?? null, reason: call?.['reason'] ?? null });

    // Someone left off the list: the call fields are null.
    const offList = scores.find((s) => !calls.some((c) => c['id_client'] === s['id_client']));
    const off = await data<Record<string, unknown>>(app, `/clients/${String(offList?.['id_client'])}`);
    expect(off).toMatchObject({ action: null, rank: null, priority: null, reason: null, segment_label: offList?.['segment_label'] });
  });

  it('/clients?q= finds names whatever the case and the accents, and ids', async () => {
    const clients = await gold(lake, 'dim_clients');
    const lefevres = clients.filter((c) => String(c['nom']).includes('Lefèvre'));
    expect(lefevres.length).toBeGreaterThan(0);
    for (const q of ['lefevre', 'LEFÈVRE', 'Lefèvre', ' lefevre ']) {
      const answer = await get(app, `/clients?q=${encodeURIComponent(q)}&limit=100`);
      expect(answer.status).toBe(200);
      const hits = answer.body.data as Row[];
      expect(hits.map((h) => h['id_client']), q).toEqual(
        // Names compare as the stores compare them: by code point.
        [...lefevres].sort((a, b) => binary(String(a['nom']), String(b['nom'])) || Number(a['id_client']) - Number(b['id_client']))
          .slice(0, 100)
          .map((c) => c['id_client']),
      );
      expect(answer.body.meta?.['count']).toBe(lefevres.length);
    }
    const ines = await data<Row[]>(app, '/clients?q=ines%20m&limit=100');
    expect(ines.length).toBeGreaterThan(0);
    expect(ines.every((h) => fold(String(h['nom'])).includes('ines m'))).toBe(true);
    expect(ines.some((h) => String(h['nom']).startsWith('Inès'))).toBe(true);

    const someone = clients[Math.floor(clients.length / 3)];
    const byId = await data<Row[]>(app, `/clients?q=${String(someone?.['id_client'])}`);
    expect(byId[0]).toMatchObject({ id_client: someone?.['id_client'], nom: someone?.['nom'] });
    expect(await data(app, '/clients?q=zzzz-nobody')).toEqual([]);
  });

  it.each([
    ['/clients/abc', 400, 'id_client'],
    ['/clients/0', 400, 'id_client'],
    ['/clients/1.5', 400, 'id_client'],
    ['/clients', 400, 'q'],
    ['/clients?q=%20%20', 400, 'q'],
    ['/clients?q=a&limit=0', 400, 'limit'],
    ['/call_list?action=appeler', 400, 'action'],
    ['/call_list?segment=Inexistant', 400, 'segment'],
    ['/call_list?limit=5000', 400, 'limit'],
    ['/clients/987654321', 404, undefined],
  ] as const)('%s answers %i', async (path, status, parameter) => {
    const answer = await get(app, path);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(status === 400 ? 'BAD_INPUT' : 'NOT_FOUND');
    if (parameter) expect(answer.body.error?.details?.['parameter']).toBe(parameter);
  });
});
