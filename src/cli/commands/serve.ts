import type { Server } from 'node:http';
import { serve as listen } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { bufferedLog } from '../../api/request-log.ts';
import { settings } from '../../core/config.ts';
import { AppError, toAppError } from '../../core/errors.ts';
import type { Lake } from '../../lake/lake.ts';
import { openLakeWithFallback } from '../../lake/fallback.ts';
import { LATEST_RUN_KEY } from '../../pipeline/manifest.ts';
import { openStore } from '../../serving/open.ts';
import { answerClientErrors } from '../../api/client-error.ts';
import { DEFAULT_RATE_LIMIT } from '../../api/rate-limit.ts';
import { AuditLog } from '../../auth/audit-log.ts';
import { readTokens } from '../../auth/token-file.ts';
import { TokenRegistry } from '../../auth/token-registry.ts';
import { ensureDashboard } from '../dashboard-build.ts';

export interface ServeOptions {
  lake?: string | undefined;
  port?: number | undefined;
  host?: string | undefined;
  store?: 'auto' | 'embedded' | 'mongo';
  mongoUri?: string;
  mongoDb?: string;
  /** A past snapshot's run id (`--at`): served straight from the lake. */
  at?: string | undefined;
  quiet?: boolean;
  /** False with --no-auth. */
  auth?: boolean;
  corsOrigin?: string[];
  rateLimit?: number;
  rateBurst?: number;
  requestTimeout?: number;
}

/** How long a shutdown waits for requests in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/** A listening API server, and how to stop it. */
export interface StartedServer {
  url: string;
  /** Resolves once SIGINT or SIGTERM has stopped the server and closed the store. */
  untilStopped: () => Promise<void>;
}

/**
 * `electrolake serve`: the API on PORT (default 5000). The store is opened
 * lazily by each request, so the server starts and answers (503) even when
 * MongoDB is down or nothing is published yet, and recovers on its own.
 * SIGINT/SIGTERM stop accepting connections, let requests in flight finish,
 * then close the store.
 */
export default async function serve(options: ServeOptions): Promise<void> {
  const server = await startServer(options);
  await server.untilStopped();
}

/** Opens the store, builds the dashboard if it is missing, listens, and says where; `electrolake demo` serves through it too. */
export async function startServer(options: ServeOptions): Promise<StartedServer> {
  const { port } = settings({ port: options.port });
  // Loopback by default: the API serves client names. A container sets
  // HOST=0.0.0.0 (its loopback cannot be reached from the host).
  const { host } = settings({ host: options.host });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  // S3 first, then the local lake, as the seed does; says which on stderr.
  const { lake: current } = await openLakeWithFallback({ lake: options.lake, log: say });
  const noAuth = options.auth === false;
  await checkExposure(current, host, noAuth);
  await ensureDashboard(say);
  // --at: that snapshot's gold, straight from the lake; else what is published (or the current snapshot).
  const lake = options.at === undefined ? current : await current.at(options.at);
  const live = options.at !== undefined;
  const store = await openStore({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb, live });
  const requestLog = bufferedLog((text) => process.stderr.write(text));
  const log = (line: string) => requestLog.line(line);
  const tokens = new TokenRegistry(current);
  const audit = new AuditLog(current, 2_000, (error) => log(`audit log not written: ${toAppError(error).message}`));
  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT.perSecond;
  const app = createApp(store, {
    lake,
    log: options.quiet ? undefined : log,
    auth: { tokens, disabled: noAuth, alwaysRequired: !isLoopback(host), rateLimit: rate > 0 ? { perSecond: rate, burst: options.rateBurst ?? DEFAULT_RATE_LIMIT.burst } : null },
    audit,
    corsOrigins: options.corsOrigin ?? [],
    requestTimeoutMs: options.requestTimeout,
  });

  const server = listen({ fetch: app.fetch, port, hostname: host }) as Server;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new AppError(error.code === 'EADDRINUSE' ? 'UNAVAILABLE' : 'IO', `cannot listen on ${host}:${port}: ${error.code ?? error.message}`)),
    );
  });
  const url = `http://${host}:${port}`;
  const info = await store.info().catch(() => undefined);
  say(
    `electrolake API on ${url} (${store.kind} store${info ? `: ${info.source}, run ${info.run_id ?? 'none'}` : ', not answering yet'}); ` +
      `OpenAPI at /openapi.json`,
  );
  await warnIfStale(lake, info?.run_id ?? null);

  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      say(`${signal}: finishing requests in flight, then stopping`);
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  }).then(async () => {
    requestLog.flush();
    await Promise.all([audit.flush(), tokens.flush().catch(() => {})]);
    await store.close();
    say('stopped');
  });
  return { url, untilStopped: () => stopped };
}

/**
 * Loopback is private to this machine; any other address is reachable by
 * others, so the API refuses it without tokens (it serves client names)
 * unless --no-auth says it is on purpose (e.g. behind a proxy that checks).
 */
async function checkExposure(lake: Lake, host: string, noAuth: boolean): Promise<void> {
  if (noAuth) {
    process.stderr.write('warning: --no-auth: the API asks for no token; anyone who reaches it sees every client\n');
    return;
  }
  if (isLoopback(host)) return;
  if ((await readTokens(lake)).length > 0) return;
  throw new AppError(
    'BAD_INPUT',
    `refusing to serve on ${host} without API tokens: create one (electrolake token create --name NAME --role admin) or pass --no-auth`,
  );
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A publication older than the lake's last run is served as it is, but said once at start. */
async function warnIfStale(lake: Lake, served: string | null): Promise<void> {
  const latest = await lake.readJson<{ run_id?: string }>(LATEST_RUN_KEY).catch(() => undefined);
  if (served !== null && latest?.run_id !== undefined && latest.run_id !== served) {
    process.stderr.write(`note: serving run ${served}, but the lake's last run is ${latest.run_id}: run electrolake publish to serve it\n`);
  }
}
