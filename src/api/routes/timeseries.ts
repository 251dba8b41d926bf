import { z } from 'zod';
import { fromStore } from '../envelope.ts';
import { isoDate, rangeFilters, rangeShape, withRange } from '../params.ts';
import { defineRoute, type Route } from '../route.ts';
import { rowsSchema } from '../schemas.ts';

function series(path: string, table: 'daily' | 'weekly', field: 'date' | 'week_start', summary: string): Route {
  return defineRoute({
    path,
    tag: 'sales',
    summary,
    description: `\`from\` and \`to\` (YYYY-MM-DD, both included) restrict \`${field}\`.`,
    query: withRange(z.strictObject(rangeShape(isoDate, `${field} (YYYY-MM-DD)`))),
    errors: [400, 503],
    data: rowsSchema(table),
    handle: ({ query }, { store }) =>
      fromStore(store, async () => {
        const { rows } = await store.find(table, { filters: rangeFilters(field, query) });
        return { data: rows, count: rows.length };
      }),
  });
}

export const timeseries: Route[] = [
  series('/daily', 'daily', 'date', 'Revenue, purchases and buyers per calendar day (days without sales included)'),
  series('/weekly', 'weekly', 'week_start', 'Revenue, purchases and buyers per ISO week'),
];
