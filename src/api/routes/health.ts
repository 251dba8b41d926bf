import { z } from 'zod';
import { AppError, toAppError } from '../../core/errors.ts';
import { stopwatch } from '../../core/stopwatch.ts';
import { refreshHealth } from '../../ingest/refresh-status.ts';
import { defineRoute } from '../route.ts';

/** Which store serves, whether it answers, and what it publishes. 503 when it does not answer. */
export const health = defineRoute({
  path: '/health',
  tag: 'service',
  summary: 'Which store serves the API, whether it answers, and which run it serves',
  query: z.strictObject({}),
  errors: [503],
  data: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok'] },
      store: { type: 'string', enum: ['embedded', 'mongo'] },
      source: { type: 'string' },
      publication: { type: ['string', 'null'] },
      run_id: { type: ['string', 'null'] },
      as_of: { type: ['string', 'null'], format: 'date' },
      published_at: { type: ['string', 'null'], format: 'date-time' },
      refresh: {
        type: ['object', 'null'],
        description: 'The last unattended refresh (`electrolake refresh`/`watch`); null when the lake was never refreshed',
        properties: {
          last_success_at: { type: ['string', 'null'], format: 'date-time' },
          last_attempt_at: { type: 'string', format: 'date-time' },
          last_attempt_failed: { type: 'boolean' },
          failed_step: { type: ['string', 'null'], enum: ['ingest', 'run', 'check', 'publish', null] },
        },
      },
    },
  },
  async handle(_input, { store, lake }) {
    const watch = stopwatch();
    try {
      const [, info, refresh] = await Promise.all([store.ping(), store.info(), refreshHealth(lake)]);
      const data = {
        status: 'ok', store: store.kind, source: info.public_source, publication: info.publication, run_id: info.run_id, as_of: info.as_of,
        published_at: info.published_at, refresh,
      };
      return { data, meta: { query_ms: watch.ms(), count: 1, as_of: info.as_of, source: info.public_source, publication: info.publication } };
    } catch (error) {
      const appError = toAppError(error);
      throw new AppError('UNAVAILABLE', `the ${store.kind} store does not answer: ${appError.message}`, {
        details: { store: store.kind, status: 'unavailable', reason: appError.code },
        cause: error,
      });
    }
  },
});
