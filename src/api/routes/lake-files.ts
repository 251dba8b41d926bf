import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { Lake } from '../../lake/lake.ts';
import { BENCHMARK_KEY } from '../../lake/layout.ts';
import { CHECK_REPORT_KEY } from '../../pipeline/check/run-checks.ts';
import { LATEST_RUN_KEY } from '../../pipeline/manifest.ts';
import { stopwatch } from '../../core/stopwatch.ts';
import { scrubValue } from '../redact.ts';
import { defineRoute, type Route } from '../route.ts';
import { withRunRecord } from './run-record.ts';

/**
 * The lake's own JSON documents, for the dashboard: the last run's manifest,
 * the last check report and the benchmark figures (`electrolake bench
 * --lake`). Read at each request (they are small); 503 with the command that
 * makes them when missing. `meta.source` names the document, never where
 * the lake is. `complete` adds what another document of the lake knows.
 */
type Complete = (lake: Lake, document: Record<string, unknown>) => Promise<Record<string, unknown>>;

function lakeDocument(path: string, key: string, summary: string, hint: string, complete?: Complete): Route {
  return defineRoute({
    path,
    tag: 'lake',
    summary,
    query: z.strictObject({}),
    errors: [400, 503],
    data: { type: 'object', description: `the lake's ${key}` },
    async handle(_input, { lake }) {
      if (!lake) throw new AppError('UNAVAILABLE', 'this server has no lake configured', { details: { hint: 'electrolake serve --lake <dir>' } });
      const watch = stopwatch();
      const stored = await lake.readJson<Record<string, unknown>>(key).catch((error: unknown) => {
        throw new AppError('UNAVAILABLE', `cannot read ${key} in the lake`, { cause: error });
      });
      if (stored === undefined || stored === null || typeof stored !== 'object') {
        throw new AppError('EMPTY', `no ${key} in the lake: run ${hint}`, { details: { hint } });
      }
      const document = complete ? await complete(lake, stored) : stored;
      const asOf = (document as { as_of?: unknown }).as_of;
      return {
        data: scrubValue(document),
        meta: { query_ms: watch.ms(), count: 1, as_of: typeof asOf === 'string' ? asOf : null, source: `lake:${key}` },
      };
    },
  });
}

export const lakeFiles: Route[] = [
  lakeDocument('/runs/latest', LATEST_RUN_KEY, 'The last successful run: engine, as_of, rows per stage, quarantine, reconciliation, timings, end time and peak memory', 'electrolake run', withRunRecord),
  lakeDocument('/quality', CHECK_REPORT_KEY, 'The last check report (electrolake check): every check, passed or failed', 'electrolake check'),
  lakeDocument(
    '/benchmark',
    BENCHMARK_KEY,
    'Pipeline benchmark figures (electrolake bench --lake): seconds per stage, rows, memory, per engine and scale',
    'electrolake bench --scale 1 --lake <this lake>',
  ),
];
