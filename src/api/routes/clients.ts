import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { GoldTableName } from '../../core/schema.ts';
import { FEATURE_COLUMNS } from '../../pipeline/gold/clients.ts';
import type { FindQuery, ServedRow, ServingStore } from '../../serving/store.ts';
import { fromStore } from '../envelope.ts';
import { integer } from '../params.ts';
import { defineRoute, type Route } from '../route.ts';
import { pick, pickSchema } from '../schemas.ts';

/** What a search hit shows: enough to tell two namesakes apart. */
const HIT_FIELDS = ['id_client', 'nom', 'email', 'pays', 'segment_label', 'last_purchase_date', 'total_orders_all', 'total_spend_all'] as const;
const IDENTITY_FIELDS = [
  'id_client', 'nom', 'email', 'email_valid', 'pays', 'date_inscription', 'first_purchase_date', 'last_purchase_date',
] as const;
const SCORE_FIELDS = ['prob_reachat_12m', 'expected_value_12m', 'value_at_risk_12m', 'model'] as const;
const CALL_FIELDS = ['action', 'rank', 'priority', 'reason'] as const;
const PURCHASE_FIELDS = ['id_achat', 'date_achat', 'montant', 'produit'] as const;

/** Lower case without accents, as the served `nom_search` column is written: « Hélène » → « helene ». */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const search = defineRoute({
  path: '/clients',
  tag: 'clients',
  summary: 'Find clients by name (case and accent insensitive) or by id',
  description:
    '`q` is looked for inside the client names, ignoring case and accents (« helene » finds « Hélène »); when it is a number, ' +
    'the client with that id comes first. Name matches are sorted by name, ties by id. `meta.count` is the number of matches.',
  query: z.strictObject({
    q: z.string().trim().min(1, { error: 'expected some text' }).max(100, { error: 'at most 100 characters' }).describe('part of a name, or an id'),
    limit: integer(1, 100).default(20).describe('matches returned at most'),
  }),
  errors: [400, 503],
  data: { type: 'array', items: pickSchema('dim_clients', HIT_FIELDS, 'client_hit') },
  handle: ({ query }, { store }) =>
    fromStore(store, async () => {
      const byId = /^\d{1,15}$/.test(query.q) ? (await store.find('dim_clients', idIs(Number(query.q)))).rows : [];
      const { rows, total } = await store.find('dim_clients', {
        filters: [{ field: 'nom_search', op: 'contains', value: foldName(query.q) }],
        sort: [{ field: 'nom', direction: 'asc' }],
        limit: query.limit,
      });
      const hits = [...byId, ...rows.filter((r) => !byId.some((b) => b['id_client'] === r['id_client']))].slice(0, query.limit);
      const count = total + byId.filter((b) => !String(b['nom_search'] ?? '').includes(foldName(query.q))).length;
      return { data: hits.map((r) => pick(r, HIT_FIELDS)), count };
    }),
});

const clientSchema = {
  type: 'object',
  title: 'client',
  required: [...IDENTITY_FIELDS, 'segment_label', 'features', 'scores', ...CALL_FIELDS, 'purchases'],
  properties: {
    ...(pickSchema('dim_clients', IDENTITY_FIELDS, 'identity')['properties'] as object),
    segment_label: { type: ['string', 'null'] },
    features: pickSchema('client_scores', FEATURE_COLUMNS, 'features'),
    scores: pickSchema('client_scores', SCORE_FIELDS, 'scores'),
    ...(pickSchema('call_list', CALL_FIELDS, 'call')['properties'] as object),
    purchases: { type: 'array', items: pickSchema('fact_achats', PURCHASE_FIELDS, 'purchase'), description: 'every valid purchase, newest first' },
  },
};

const one = defineRoute({
  path: '/clients/{id_client}',
  tag: 'clients',
  summary: 'One client: identity, contact, features, scores, segment, call-list action and reason, and every purchase',
  description:
    '`action`, `rank`, `priority` and `reason` are those of the call list, null when the client is not on it. `purchases` lists every ' +
    'valid purchase of the client (also those after as_of), newest first.',
  query: z.strictObject({}),
  params: z.strictObject({ id_client: integer(1, Number.MAX_SAFE_INTEGER).describe('the client id') }),
  errors: [400, 404, 503],
  data: clientSchema,
  handle: ({ params }, { store }) =>
    fromStore(store, async () => {
      const id = params.id_client;
      const [[identity], [scores], [call], purchases] = await Promise.all([
        store.find('dim_clients', idIs(id)).then((r) => r.rows),
        store.find('client_scores', idIs(id)).then((r) => r.rows),
        findRows(store, 'call_list', idIs(id)),
        findRows(store, 'fact_achats', { ...idIs(id), sort: [{ field: 'date_achat', direction: 'desc' }, { field: 'id_achat', direction: 'desc' }] }),
      ]);
      if (!identity) throw new AppError('NOT_FOUND', `no client ${id}`, { details: { id_client: id } });
      const data = {
        ...pick(identity, IDENTITY_FIELDS),
        segment_label: scores?.['segment_label'] ?? null,
        features: pick(scores ?? {}, FEATURE_COLUMNS),
        scores: pick(scores ?? {}, SCORE_FIELDS),
        ...pick(call ?? {}, CALL_FIELDS),
        purchases: purchases.map((p) => pick(p, PURCHASE_FIELDS)),
      };
      return { data, count: 1 };
    }),
});

function idIs(id: number): FindQuery {
  return { filters: [{ field: 'id_client', op: 'eq', value: id }] };
}

/** Rows of a table, none when the table is empty (a call list can be empty, a shop can have no purchase yet). */
async function findRows(store: ServingStore, table: GoldTableName, query: FindQuery): Promise<ServedRow[]> {
  try {
    return (await store.find(table, query)).rows;
  } catch (error) {
    if (error instanceof AppError && error.code === 'EMPTY') return [];
    throw error;
  }
}

export const clients: Route[] = [search, one];
