import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { Filter } from '../../serving/store.ts';
import { fromStore } from '../envelope.ts';
import { inFilters, page, pageMetaSchema, pageParams, paysParam, segmentParam } from '../paging.ts';
import { integer, probability } from '../params.ts';
import { defineRoute, type Route } from '../route.ts';
import { rowSchema, rowsSchema } from '../schemas.ts';

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
    segment: segmentParam(),
    pays: paysParam(),
    min_prob: probability().optional().describe('prob_reachat_12m at least this (a decimal from 0 to 1; not above max_prob)'),
    max_prob: probability().optional().describe('prob_reachat_12m at most this (a decimal from 0 to 1)'),
    sort: z.enum(sortValues, { error: `expected one of ${SORTABLE.join(', ')}, with - in front for descending` })
      .default('-prob_reachat_12m')
      .describe('column to sort by, - for descending; ties by id_client'),
    ...pageParams(),
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
  meta: pageMetaSchema('clients'),
  handle: ({ query }, { store }) =>
    fromStore(store, async () => {
      const filters: Filter[] = inFilters({ segment_label: query.segment, pays: query.pays });
      if (query.min_prob !== undefined) filters.push({ field: 'prob_reachat_12m', op: 'gte', value: query.min_prob });
      if (query.max_prob !== undefined) filters.push({ field: 'prob_reachat_12m', op: 'lte', value: query.max_prob });
      const descending = query.sort.startsWith('-');
      const sort = [{ field: descending ? query.sort.slice(1) : query.sort, direction: descending ? 'desc' : 'asc' } as const];
      const { rows, total } = await store.find('client_scores', { filters, sort, limit: query.limit, offset: query.offset });
      return page(rows, total, query);
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
