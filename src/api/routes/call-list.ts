import { z } from 'zod';
import { CALL_ACTIONS } from '../../pipeline/gold/segments.ts';
import { fromStore } from '../envelope.ts';
import { inFilters, page, pageMetaSchema, pageParams, paysParam, segmentParam } from '../paging.ts';
import { commaList } from '../params.ts';
import { defineRoute } from '../route.ts';
import { rowsSchema } from '../schemas.ts';

const callListQuery = z.strictObject({
  action: commaList(z.enum(CALL_ACTIONS as [string, ...string[]], { error: `expected ${CALL_ACTIONS.join(', ')}` }), CALL_ACTIONS.join('|'))
    .optional()
    .describe(`one action or several, comma-separated: ${CALL_ACTIONS.join(', ')}`),
  segment: segmentParam(),
  pays: paysParam(),
  ...pageParams(),
});

/** The sales team's worklist: the gold `call_list` rows, highest priority first. */
export const callList = defineRoute({
  path: '/call_list',
  tag: 'clients',
  summary: 'Clients to call or e-mail, highest priority first, each with the action and the reason',
  description:
    'The gold call list: one row per client worth contacting, sorted by `priority` (euros of 12-month value the call acts on: ' +
    'value at risk for `relancer`, expected value for the other actions), ties by id_client. `rank` is the place in the whole list. ' +
    'Filter by action, segment and country; page with limit/offset. `meta.count` (and `meta.total`) is the number of rows matching ' +
    'the filters, before paging.',
  query: callListQuery,
  errors: [400, 503],
  data: rowsSchema('call_list'),
  meta: pageMetaSchema('clients'),
  handle: ({ query }, { store }) =>
    fromStore(store, async () => {
      const filters = inFilters({ action: query.action, segment_label: query.segment, pays: query.pays });
      const { rows, total } = await store.find('call_list', { filters, limit: query.limit, offset: query.offset });
      return page(rows, total, query);
    }),
});
