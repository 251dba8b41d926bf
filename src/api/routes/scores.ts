import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { SEGMENT_LABELS } from '../../pipeline/gold/segments.ts';
import type { Filter } from '../../serving/store.ts';
import { fromStore } from '../envelope.ts';
import { commaList, integer, probability } from '../params.ts';
import { defineRoute, type Route } from '../route.ts';
import { rowSchema, rowsSchema } from '../schemas.ts';

export const MAX_LIMIT = 1_000;
export const MAX_OFFSET = 1_000_000;

/** Columns `/scores` can sort by; `-` in front for descending. */
export const SORTABLE = [
  'prob_reachat_12m',
  'expected_value_12m',
  'value_at_risk_12m',
  'recency_days',
  'freq_12m',
  'monetary_12m',
  'total_spend_all',
  'total_orders_all',
  'id_client',
] as const;

const sortValues = SORTABLE.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];

const scoresQuery = z
  .strictObject({
    segment: commaList(z.enum(SEGMENT_LABELS as [string, ...string[]], { error: `expected ${SEGMENT_LABELS.join(', ')}` }), SEGMENT_LABELS.join('|'))
      .optional()
      .describe(`one segment or several, comma-separated: ${SEGMENT_LABELS.join(', ')}`),
    pays: commaList(z.string().min(1, { error: 'a country cannot be blank' }).max(80, { error: 'a country has at most 80 characters' }), '[^,]{1,80}')
      .optional()
      .describe('one country or several, comma-separated (as in /by_country), each 1 to 80 characters'),
    min_prob: probability().optional().describe('prob_reachat_12m at least this (a decimal from 0 to 1; not above max_prob)'),
    max_prob: probability().optional().describe('prob_reachat_12m at most this (a decimal from 0 to 1)'),
    sort: z.enum(sortValues, { error: `expected one of ${SORTABLE.join(', ')}, with - in front for descending` })
      .default('-prob_reachat_12m')
      .describe('column to sort by, - for descending; ties by id_client'),
    limit: integer(1, MAX_LIMIT).default(100).describe('rows per page'),
    offset: integer(0, MAX_OFFSET).default(0).describe('rows to skip'),
  })
  .refine((q) => q.min_prob === undefined || q.max_prob === undefined || q.min_prob <= q.max_prob, {
    path: ['min_prob'],
    error: 'must not be above max_prob',
  });

const list = defineRoute({
  path: '/scores',
  tag: 'clients',
  summary: 'Scored clients: probability to buy again in 12 months, expected value, value at risk, segment',
  description:
    'Filter by segment, country and probability; sort; page with limit/offset. `meta.count` (and `meta.total`) is the number of clients ' +
    'matching the filters, before paging; `meta.returned` the number in this page.',
  query: scoresQuery,
  errors: [400, 503],
  data: rowsSchema('client_scores'),
  meta: {
    total: { type: 'integer', description: 'clients matching the filters (same as count)' },
    returned: { type: 'integer', description: 'clients in this page' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  },
  handle: ({ query }, { store }) =>
    fromStore(store, async () => {
      const filters: Filter[] = [];
      if (query.segment) filters.push({ field: 'segment_label', op: 'in', value: query.segment });
      if (query.pays) filters.push({ field: 'pays', op: 'in', value: query.pays });
      if (query.min_prob !== undefined) filters.push({ field: 'prob_reachat_12m', op: 'gte', value: query.min_prob });
      if (query.max_prob !== undefined) filters.push({ field: 'prob_reachat_12m', op: 'lte', value: query.max_prob });
      const descending = query.sort.startsWith('-');
      const sort = [{ field: descending ? query.sort.slice(1) : query.sort, direction: descending ? 'desc' : 'asc' } as const];
      const { rows, total } = await store.find('client_scores', { filters, sort, limit: query.limit, offset: query.offset });
      return { data: rows, count: total, meta: { total, returned: rows.length, limit: query.limit, offset: query.offset } };
    }),
});

const one = defineRoute({
  path: '/scores/{id_client}',
  tag: 'clients',
  summary: "One client's scores and segment",
  query: z.strictObject({}),
  params: z.strictObject({ id_client: integer(1, Number.MAX_SAFE_INTEGER).describe('the client id') }),
  errors: [400, 404, 503],
  data: rowSchema('client_scores'),
  handle: ({ params }, { store }) =>
    fromStore(store, async () => {
      const { rows } = await store.find('client_scores', { filters: [{ field: 'id_client', op: 'eq', value: params.id_client }] });
      if (!rows[0]) {
        throw new AppError('NOT_FOUND', `no client ${params.id_client} in client_scores`, { details: { id_client: params.id_client } });
      }
      return { data: rows[0], count: 1 };
    }),
});

export const scores: Route[] = [list, one];
