import { z } from 'zod';
import { cohortMatrix } from '../cohort-matrix.ts';
import { fromStore } from '../envelope.ts';
import { monthOrDate, rangeFilters, rangeShape, withRange } from '../params.ts';
import { defineRoute } from '../route.ts';
import { rowsSchema } from '../schemas.ts';

const cell = { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } } };

export const cohort = defineRoute({
  path: '/cohort',
  tag: 'clients',
  summary: 'Retention by cohort of first purchase month: as rows, or as a cohort × month-offset matrix',
  description:
    '`format=rows` (default): the gold rows (only cells with active clients). `format=matrix`: one row per cohort, one column per month offset; ' +
    'a cell is 0 when no client of the cohort bought that month, null when that month is after the last month with purchases. ' +
    '`from`/`to` restrict the cohort month.',
  query: withRange(
    z.strictObject({
      format: z.enum(['rows', 'matrix'], { error: 'expected rows or matrix' }).default('rows').describe('rows or matrix'),
      ...rangeShape(monthOrDate, 'cohort month (YYYY-MM, or a date of that month)'),
    }),
  ),
  errors: [400, 503],
  data: {
    oneOf: [
      rowsSchema('cohort_first_purchase'),
      {
        type: 'object',
        title: 'matrix',
        properties: {
          cohorts: { type: 'array', items: { type: 'string' } },
          offsets: { type: 'array', items: { type: 'integer' } },
          n_clients: { type: 'array', items: { type: 'integer' } },
          retention_rate: cell,
          active_clients: cell,
          ca: cell,
        },
      },
    ],
  },
  handle: ({ query }, { store }) =>
    fromStore(store, async () => {
      const { rows } = await store.find('cohort_first_purchase', { filters: rangeFilters('cohort_month', query) });
      if (query.format === 'rows') return { data: rows, count: rows.length };
      const matrix = cohortMatrix(rows);
      return { data: matrix, count: matrix.cohorts.length };
    }),
});
