import { z } from 'zod';
import { SEGMENT_LABELS } from '../pipeline/gold/segments.ts';
import { commaList, integer } from './params.ts';
import type { Filter } from '../serving/store.ts';
import type { JsonSchema } from './schemas.ts';

/**
 * What the list endpoints (`/scores`, `/call_list`) share: the segment and
 * country filters, `limit`/`offset` paging, and the paging fields of `meta`.
 */
export const MAX_LIMIT = 1_000;
export const MAX_OFFSET = 1_000_000;

export function segmentParam() {
  return commaList(z.enum(SEGMENT_LABELS as [string, ...string[]], { error: `expected ${SEGMENT_LABELS.join(', ')}` }), SEGMENT_LABELS.join('|'))
    .optional()
    .describe(`one segment or several, comma-separated: ${SEGMENT_LABELS.join(', ')}`);
}

export function paysParam() {
  return commaList(z.string().min(1, { error: 'a country cannot be blank' }).max(80, { error: 'a country has at most 80 characters' }), '[^,]{1,80}')
    .optional()
    .describe('one country or several, comma-separated (as in /by_country), each 1 to 80 characters');
}

export function pageParams() {
  return {
    limit: integer(1, MAX_LIMIT).default(100).describe('rows per page'),
    offset: integer(0, MAX_OFFSET).default(0).describe('rows to skip'),
  };
}

export function pageMetaSchema(what: string): Record<string, JsonSchema> {
  return {
    total: { type: 'integer', description: `${what} matching the filters (same as count)` },
    returned: { type: 'integer', description: `${what} in this page` },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  };
}

/** `data`, `count` and the paging `meta` of one page of `total` matching rows. */
export function page(rows: unknown[], total: number, query: { limit: number; offset: number }) {
  return { data: rows, count: total, meta: { total, returned: rows.length, limit: query.limit, offset: query.offset } };
}

/** The list filters of a request: `{ segment_label: query.segment }` → `segment_label in (…)`; a parameter not given filters nothing. */
export function inFilters(fields: Record<string, readonly string[] | undefined>): Filter[] {
  return Object.entries(fields).flatMap(([field, value]) => (value ? [{ field, op: 'in' as const, value }] : []));
}
