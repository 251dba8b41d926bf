import type { Server } from 'node:http';
import { serve as listen } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { bufferedLog } from '../../api/request-log.ts';
import { DEFAULTS, env } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import type { Lake } from '../../lake/lake.ts';
import { openLakeWithFallback } from '../../lake/fallback.ts';
import { LATEST_RUN_KEY } from '../../pipeline/manifest.ts';
import { openStore } from '../../serving/open.ts';
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
  const port = options.port ?? portFromEnv() ?? DEFAULTS.port;
  // Loopback by default: the API serves client names. A container sets
  // HOST=0.0.0.0 (its loopback cannot be reached from the host).
  const host = options.host ?? env('HOST') ?? '127.0.0.1';
  const say = (line: string) => process.stderr.write(`${line}\n`);
  // S3 first, then the local lake, as the seed does; says which on stderr.
  const { lake: current } = await openLakeWithFallback({ lake: options.lake, log: say });
  await ensureDashboard(say);
  // --at: that snapshot's gold, straight from the lake; else what is published (or the current snapshot).
  const lake = options.at === undefined ? current : await current.at(options.at);
  const live = options.at !== undefined;
  const store = await openStore({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb, live });
  const requestLog = bufferedLog((text) => process.stderr.write(text));
  const app = createApp(store, { lake, log: options.quiet ? undefined : (line) => requestLog.line(line) });

  const server = listen({ fetch: app.fetch, port, hostname: host }) as Server;
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
    await store.close();
    say('stopped');
  });
  return { url, untilStopped: () => stopped };
}

function portFromEnv(): number | undefined {
  const value = env('PORT');
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new AppError('BAD_INPUT', `PORT must be a port number, not '${value}'`);
  return port;
}

/** A publication older than the lake's last run is served as it is, but said once at start. */
async function warnIfStale(lake: Lake, served: string | null): Promise<void> {
  const latest = await lake.readJson<{ run_id?: string }>(LATEST_RUN_KEY).catch(() => undefined);
  if (served !== null && latest?.run_id !== undefined && latest.run_id !== served) {
    process.stderr.write(`note: serving run ${served}, but the lake's last run is ${latest.run_id}: run electrolake publish to serve it\n`);
  }
}
