import { Hono, type Context } from 'hono';
import { AuditLog } from '../auth/audit-log.ts';
import { allows } from '../auth/roles.ts';
import { TokenRegistry } from '../auth/token-registry.ts';
import { AppError, toAppError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import type { Lake } from '../lake/lake.ts';
import type { ServingStore } from '../serving/store.ts';
import { accessOf, clientsIn, MAX_PAGE, withoutPersonal } from './access.ts';
import { errorResponse } from './errors.ts';
import { Guard, type AuthOptions, type RequestCaller } from './guard.ts';
import { corsFor, escapeControl, readOnly, requestLog, securityHeaders } from './http-surface.ts';
import { openApiDocument } from './openapi.ts';
import { parseInput } from './params.ts';
import { DEFAULT_RATE_LIMIT } from './rate-limit.ts';
import type { Route, RouteDeps } from './route.ts';
import { ROUTES } from './routes/index.ts';
import { dashboard, DEFAULT_STATIC_DIR } from './static.ts';

export interface AppOptions {
  /** For /runs/latest, /quality, /benchmark, the tokens and the audit log. */
  lake?: Lake | undefined;
  /** The built dashboard (default web/dist of this package); null: none. */
  staticDir?: string | null | undefined;
  /** One line per request and per unexpected error (default: nothing). */
  log?: ((line: string) => void) | undefined;
  /** Tokens, --no-auth and the rate limit (default: the lake's tokens, 20 req/s burst 100 per token). */
  auth?: AuthOptions | undefined;
  /** Where answers with personal data are recorded (default: the lake's `_audit/`). */
  audit?: AuditLog | undefined;
  /** Origins allowed to read answers from a browser (default none: same origin only). */
  corsOrigins?: readonly string[] | undefined;
  /** Time limit of one request on the store (default 10 s): beyond it the query is stopped and the answer is 503. */
  requestTimeoutMs?: number | undefined;
}

/**
 * The HTTP API (docs/contract/api.md) over a serving store, built without listening:
 * `electrolake serve` listens with it, tests call `app.request(...)`.
 * Every route comes from `routes/` and its role from `access.ts`; each
 * answer is `{"data", "meta"}` and every error goes through one handler as
 * `{"error": {"code", "message", "details"}}`, never a stack trace.
 */
export function createApp(store: ServingStore, options: AppOptions = {}): Hono {
  const log = options.log ?? (() => {});
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const site = dashboard(options.staticDir === undefined ? DEFAULT_STATIC_DIR : options.staticDir);
  const tokens = options.auth?.tokens ?? (options.lake ? new TokenRegistry(options.lake) : undefined);
  const guard = new Guard({ rateLimit: DEFAULT_RATE_LIMIT, ...options.auth, tokens });
  const audit = options.audit ?? (options.lake ? new AuditLog(options.lake, 2_000, (e) => log(`audit log not written: ${toAppError(e).message}`)) : undefined);
  const app = new Hono();

  app.use(requestLog(log));
  app.use(securityHeaders());
  app.use(corsFor(options.corsOrigins ?? []));
  app.use(readOnly());

  const allowed = async (c: Context, path: string) => {
    const caller = await guard.check(c, path, accessOf(path));
    if (caller.authenticated) c.set('caller' as never, caller.name as never);
    return caller;
  };

  for (const route of ROUTES) {
    app.get(route.path.replace(/\{(\w+)\}/g, ':$1'), async (c) => {
      const caller = await allowed(c, route.path);
      const query = parseInput(route.query, singleValued(c.req.queries()), 'query');
      const params = route.params ? parseInput(route.params, c.req.param() as Record<string, string>, 'path') : {};
      checkPageSize(query, caller);
      // One publication per request: its reads and its meta never mix two.
      const pinned = store.pinned?.() ?? store;
      const deps: RouteDeps = { store: bounded(pinned, AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(timeoutMs)]), timeoutMs), lake: options.lake };
      const answer = await route.handle({ query, params }, deps);
      return c.json(personalData(route, answer, caller, audit));
    });
  }

  // Who the token is, for the dashboard (its role decides which pages it shows).
  app.get('/me', async (c) => {
    const caller = await allowed(c, '/me');
    return c.json({ data: { name: caller.name, role: caller.role, auth: caller.authenticated }, meta: { query_ms: 0, count: 1, as_of: null, source: 'auth' } });
  });

  const openapi = openApiDocument(ROUTES, VERSION);
  app.get('/openapi.json', async (c) => {
    await allowed(c, '/openapi.json');
    return c.json(openapi);
  });

  app.get('/', async (c) => {
    if (site.built()) return site.index(c);
    return c.json({
      name: 'electrolake API',
      version: VERSION,
      store: store.kind,
      openapi: '/openapi.json',
      endpoints: ROUTES.map((r) => ({ path: r.path, summary: r.summary, role: accessOf(r.path).role })),
      dashboard: 'not built: build web/ into web/dist and it is served here',
    });
  });
  app.get('*', site.assets);

  app.notFound((c) => {
    const error = new AppError('NOT_FOUND', `no endpoint ${c.req.method} ${escapeControl(c.req.path).slice(0, 100)}`, {
      details: { endpoints: ROUTES.map((r) => r.path) },
    });
    return errorResponse(c, error);
  });

  app.onError((err, c) => {
    const error = toAppError(err);
    if (!(err instanceof AppError) || error.httpStatus >= 500) {
      const stack = err instanceof Error && error.code !== 'UNAVAILABLE' && error.code !== 'EMPTY' ? `\n${err.stack}` : '';
      log(`${new Date().toISOString()} error ${c.req.method} ${escapeControl(c.req.path)}: ${error.code} ${error.message}${stack}`);
    }
    return errorResponse(c, error);
  });

  return app;
}

/** The store with every query of one request stopped by `signal` (and MongoDB told the time limit). */
function bounded(store: ServingStore, signal: AbortSignal, maxTimeMs: number): ServingStore {
  return {
    kind: store.kind,
    find: (table, query = {}) => store.find(table, { ...query, signal, maxTimeMs }),
    ping: () => store.ping(),
    info: () => store.info(),
    close: () => store.close(),
  };
}

/** A role's page size limit (MAX_PAGE), for endpoints that page with `limit`. */
function checkPageSize(query: Record<string, unknown>, caller: RequestCaller): void {
  const limit = query['limit'];
  const max = MAX_PAGE[caller.role];
  if (typeof limit === 'number' && limit > max) {
    throw new AppError('BAD_INPUT', `bad parameter 'limit': the ${caller.role} role may ask for at most ${max} rows a page`, {
      details: { parameter: 'limit', in: 'query', issue: `at most ${max} for the ${caller.role} role` },
    });
  }
}

/** Names and e-mails removed below `sales`; kept ones recorded in the audit log. */
function personalData(route: Route, answer: Awaited<ReturnType<Route['handle']>>, caller: RequestCaller, audit: AuditLog | undefined) {
  if (!accessOf(route.path).personal) return answer;
  if (!allows(caller.role, 'sales')) return { ...answer, data: withoutPersonal(answer.data) };
  audit?.record({ token: caller.name, endpoint: route.path, clients: clientsIn(answer.data) });
  return answer;
}

/** Query parameters, each given once: a repeated one is refused rather than silently reduced to one of its values. */
function singleValued(all: Record<string, string[]>): Record<string, string> {
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) {
      throw new AppError('BAD_INPUT', `parameter '${name.slice(0, 100)}' is given ${values.length} times: give it once (lists are comma-separated)`, {
        details: { parameter: name.slice(0, 100), in: 'query' },
      });
    }
    single[name] = values[0] ?? '';
  }
  return single;
}
