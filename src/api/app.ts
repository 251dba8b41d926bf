import { resolve } from 'node:path';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { DEFAULTS } from '../core/config.ts';
import { AppError, toAppError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import type { Lake } from '../lake/lake.ts';
import type { ServingStore } from '../serving/store.ts';
import { openApiDocument } from './openapi.ts';
import { parseInput } from './params.ts';
import type { RouteDeps } from './route.ts';
import { ROUTES } from './routes/index.ts';
import { dashboard, DEFAULT_STATIC_DIR } from './static.ts';

export interface AppOptions {
  /** For /runs/latest and /quality. */
  lake?: Lake | undefined;
  /** For /benchmark (default data/metrics/benchmark.json). */
  metricsFile?: string | undefined;
  /** The built dashboard (default web/dist of this package); null: none. */
  staticDir?: string | null | undefined;
  /** One line per request and per unexpected error (default: nothing). */
  log?: ((line: string) => void) | undefined;
}

/**
 * The HTTP API (SPEC §6) over a serving store, built without listening:
 * `electrolake serve` listens with it, tests call `app.request(...)`.
 * Every route comes from `routes/`, each answer is `{"data", "meta"}` and
 * every error goes through one handler as `{"error": {"code", "message",
 * "details"}}` with the status of its AppError code, never a stack trace.
 */
export function createApp(store: ServingStore, options: AppOptions = {}): Hono {
  const log = options.log ?? (() => {});
  const deps: RouteDeps = {
    store,
    lake: options.lake,
    metricsFile: options.metricsFile ?? resolve(DEFAULTS.metrics, 'benchmark.json'),
  };
  const site = dashboard(options.staticDir === undefined ? DEFAULT_STATIC_DIR : options.staticDir);
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(2);
    log(`${new Date().toISOString()} ${c.req.method} ${c.req.path}${queryString(c.req.url)} ${c.res.status} ${ms}ms`);
  });
  app.use(cors());

  for (const route of ROUTES) {
    app.get(route.path.replace(/\{(\w+)\}/g, ':$1'), async (c) => {
      const query = parseInput(route.query, singleValued(c.req.queries()), 'query');
      const params = route.params ? parseInput(route.params, c.req.param() as Record<string, string>, 'path') : {};
      // One publication per request: its reads and its meta never mix two.
      const store = deps.store.pinned?.() ?? deps.store;
      return c.json(await route.handle({ query, params }, { ...deps, store }));
    });
  }

  const openapi = openApiDocument(ROUTES, VERSION);
  app.get('/openapi.json', (c) => c.json(openapi));

  app.get('/', async (c) => {
    if (site.built()) return site.index(c);
    return c.json({
      name: 'electrolake API',
      version: VERSION,
      store: store.kind,
      openapi: '/openapi.json',
      endpoints: ROUTES.map((r) => ({ path: r.path, summary: r.summary })),
      dashboard: 'not built: build web/ into web/dist and it is served here',
    });
  });
  app.get('*', site.assets);

  app.notFound((c) => {
    const error = new AppError('NOT_FOUND', `no endpoint ${c.req.method} ${c.req.path}`, {
      details: { path: c.req.path, endpoints: ROUTES.map((r) => r.path) },
    });
    return c.json(errorBody(error), 404);
  });

  app.onError((err, c) => {
    const error = toAppError(err);
    if (!(err instanceof AppError) || error.httpStatus >= 500) {
      const stack = err instanceof Error && error.code !== 'UNAVAILABLE' && error.code !== 'EMPTY' ? `\n${err.stack}` : '';
      log(`${new Date().toISOString()} error ${c.req.method} ${c.req.path}: ${error.code} ${error.message}${stack}`);
    }
    return c.json(errorBody(error), error.httpStatus as 400);
  });

  return app;
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? {} } };
}

/** Query parameters, each given once: a repeated one is refused rather than silently reduced to one of its values. */
function singleValued(all: Record<string, string[]>): Record<string, string> {
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) {
      throw new AppError('BAD_INPUT', `parameter '${name}' is given ${values.length} times: give it once (lists are comma-separated)`, {
        details: { parameter: name, in: 'query', values },
      });
    }
    single[name] = values[0] ?? '';
  }
  return single;
}

function queryString(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i);
}
