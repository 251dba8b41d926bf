import type { ServingStore } from '../serving/store.ts';
import type { Envelope } from './route.ts';
import { stopwatch } from '../core/stopwatch.ts';

/**
 * Runs the store calls of a request and wraps the answer as
 * `{"data": …, "meta": {"query_ms", "count", "as_of", "source", "publication", …}}`.
 * `query_ms` is the time spent in the store (the publication info is read
 * alongside the data, not after it).
 */
export async function fromStore(
  store: ServingStore,
  read: () => Promise<{ data: unknown; count: number; meta?: Record<string, unknown> }>,
): Promise<Envelope> {
  const watch = stopwatch();
  const [result, info] = await Promise.all([read(), store.info()]);
  return {
    data: result.data,
    meta: {
      query_ms: watch.ms(),
      count: result.count,
      as_of: info.as_of,
      source: info.public_source,
      publication: info.publication,
      ...result.meta,
    },
  };
}
