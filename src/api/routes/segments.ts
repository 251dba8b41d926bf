import { z } from 'zod';
import { SEGMENT_LABELS } from '../../pipeline/gold/segments.ts';
import { fromStore } from '../envelope.ts';
import { defineRoute } from '../route.ts';
import { rowsSchema } from '../schemas.ts';

/** The five segments in the order of their rules (VIP first, Dormants last), each with its action. */
export const segments = defineRoute({
  path: '/segments',
  tag: 'clients',
  summary: 'Clients, expected value and value at risk per segment, with the recommended action',
  query: z.strictObject({}),
  errors: [400, 503],
  data: rowsSchema('segment_summary'),
  handle: (_input, { store }) =>
    fromStore(store, async () => {
      const { rows } = await store.find('segment_summary');
      const rank = (label: unknown) => {
        const i = SEGMENT_LABELS.indexOf(String(label));
        return i < 0 ? SEGMENT_LABELS.length : i;
      };
      const data = [...rows].sort((a, b) => rank(a['segment_label']) - rank(b['segment_label']));
      return { data, count: data.length };
    }),
});
