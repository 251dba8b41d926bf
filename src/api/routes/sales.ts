import { z } from 'zod';
import type { GoldTableName } from '../../core/schema.ts';
import { fromStore } from '../envelope.ts';
import { monthOrDate, rangeFilters, rangeShape, withRange } from '../params.ts';
import { defineRoute, type Route } from '../route.ts';
import { rowsSchema } from '../schemas.ts';

/** The sales tables served whole, in their gold order. */
function wholeTable(path: string, table: GoldTableName, summary: string): Route {
  return defineRoute({
    path,
    tag: 'sales',
    summary,
    query: z.strictObject({}),
    errors: [400, 503],
    data: rowsSchema(table),
    handle: (_input, { store }) =>
      fromStore(store, async () => {
        const { rows } = await store.find(table);
        return { data: rows, count: rows.length };
      }),
  });
}

/** A monthly table, optionally restricted to `from`..`to` (months YYYY-MM or dates, both included). */
function monthly(path: string, table: 'ca_monthly' | 'monthly_growth', summary: string): Route {
  return defineRoute({
    path,
    tag: 'sales',
    summary,
    query: withRange(z.strictObject(rangeShape(monthOrDate, 'month (YYYY-MM, or a date of that month)'))),
    errors: [400, 503],
    data: rowsSchema(table),
    handle: ({ query }, { store }) =>
      fromStore(store, async () => {
        const { rows } = await store.find(table, { filters: rangeFilters('mois', query) });
        return { data: rows, count: rows.length };
      }),
  });
}

export const sales: Route[] = [
  monthly('/monthly', 'ca_monthly', 'Revenue, purchases, buyers and basket per month'),
  monthly('/monthly_growth', 'monthly_growth', 'Month-on-month and year-on-year revenue growth'),
  wholeTable('/by_country', 'ca_country', 'Revenue per country, largest first'),
  wholeTable('/by_product', 'ca_product', 'Revenue per product, largest first'),
  wholeTable('/distribution', 'distribution', 'Purchases per amount bucket'),
];
