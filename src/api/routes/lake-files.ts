import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { CHECK_REPORT_KEY } from '../../pipeline/check/run-checks.ts';
import { LATEST_RUN_KEY } from '../../pipeline/manifest.ts';
import { elapsedMs } from '../envelope.ts';
import { defineRoute, type Envelope, type Route, type RouteDeps } from '../route.ts';

/**
 * The lake's own JSON documents, for the dashboard: the last run's manifest,
 * the last check report and the benchmark figures. Read at each request
 * (they are small); 503 with the command that makes them when missing.
 */
function lakeDocument(path: string, key: string, summary: string, hint: string): Route {
  return defineRoute({
    path,
    tag: 'lake',
    summary,
    query: z.strictObject({}),
    errors: [503],
    data: { type: 'object', description: `the lake's ${key}` },
    async handle(_input, { lake }) {
      if (!lake) throw new AppError('UNAVAILABLE', 'this server has no lake configured', { details: { hint: 'electrolake serve --lake <dir>' } });
      const started = performance.now();
      const document = await lake.readJson<Record<string, unknown>>(key).catch((error: unknown) => {
        throw new AppError('UNAVAILABLE', `cannot read ${key} in ${lake.uri}`, { cause: error });
      });
      if (document === undefined) {
        throw new AppError('EMPTY', `no ${key} in ${lake.uri}: run ${hint}`, { details: { hint, lake: lake.uri } });
      }
      return envelope(document, started, `${lake.uri}/${key}`);
    },
  });
}

const benchmark = defineRoute({
  path: '/benchmark',
  tag: 'lake',
  summary: 'Pipeline benchmark figures (electrolake bench): seconds per stage, rows, memory, per engine and scale',
  query: z.strictObject({}),
  errors: [503],
  data: { type: 'object', description: 'data/metrics/benchmark.json' },
  async handle(_input, { metricsFile }: RouteDeps) {
    const started = performance.now();
    const text = await readFile(metricsFile, 'utf8').catch(() => undefined);
    const hint = 'electrolake bench --scale 1';
    if (text === undefined) throw new AppError('EMPTY', `no ${metricsFile}: run ${hint}`, { details: { hint, file: metricsFile } });
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new AppError('UNAVAILABLE', `${metricsFile} is not valid JSON: run ${hint} again`, { details: { hint, file: metricsFile } });
    }
    return envelope(document, started, metricsFile);
  },
});

function envelope(document: unknown, started: number, source: string): Envelope {
  const asOf = (document as { as_of?: unknown } | null)?.as_of;
  return {
    data: document,
    meta: { query_ms: elapsedMs(started), count: 1, as_of: typeof asOf === 'string' ? asOf : null, source },
  };
}

export const lakeFiles: Route[] = [
  lakeDocument('/runs/latest', LATEST_RUN_KEY, 'The last successful run: engine, as_of, rows per stage, quarantine, reconciliation, timings', 'electrolake run'),
  lakeDocument('/quality', CHECK_REPORT_KEY, 'The last check report (electrolake check): every check, passed or failed', 'electrolake check'),
  benchmark,
];
