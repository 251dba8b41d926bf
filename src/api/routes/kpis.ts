import { z } from 'zod';
import { fromStore } from '../envelope.ts';
import { defineRoute } from '../route.ts';
import { rowSchema } from '../schemas.ts';

export const kpis = defineRoute({
  path: '/kpis',
  tag: 'sales',
  summary: 'Headline figures: revenue, purchases, buyers, basket, 12-month activity and expected value',
  query: z.strictObject({}),
  errors: [503],
  data: rowSchema('kpis'),
  handle: (_input, { store }) =>
    fromStore(store, async () => {
      const { rows } = await store.find('kpis');
      return { data: rows[0] ?? null, count: rows.length };
    }),
});
