import type { Server } from 'node:http';
import { serve as listen } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from '../../api/app.ts';
import { DEFAULT_STATIC_DIR } from '../../api/static.ts';
import { bufferedLog } from '../../api/request-log.ts';
import { DEFAULTS, env } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import type { Lake } from '../../lake/lake.ts';
import { openLakeWithFallback } from '../../lake/fallback.ts';
import { LATEST_RUN_KEY } from '../../pipeline/manifest.ts';
import { openStore } from '../../serving/open.ts';

export interface ServeOptions {
  lake?: string;
  port?: number;
  host?: string;
  store?: 'auto' | 'embedded' | 'mongo';
  mongoUri?: string;
  mongoDb?: string;
  quiet?: boolean;
}

/** How long a shutdown waits for requests in flight before closing anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `electrolake serve`: the API on PORT (default 5000). The store is opened
 * lazily by each request, so the server starts and answers (503) even when
 * MongoDB is down or nothing is published yet, and recovers on its own.
 * SIGINT/SIGTERM stop accepting connections, let requests in flight finish,
 * then close the store.
 */
export default async function serve(options: ServeOptions): Promise<void> {
  const port = options.port ?? portFromEnv() ?? DEFAULTS.port;
  // Loopback by default: the API serves client names. A container sets
  // HOST=0.0.0.0 (its loopback cannot be reached from the host).
  const host = options.host ?? env('HOST') ?? '127.0.0.1';
  // S3 first, then the local lake, as the seed does; says which on stderr.
  const { lake } = await openLakeWithFallback({ lake: options.lake, log: (line) => process.stderr.write(`${line}\n`) });
  const store = await openStore({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb });
  const requestLog = bufferedLog((text) => process.stderr.write(text));
  const app = createApp(store, { lake, log: options.quiet ? undefined : (line) => requestLog.line(line) });

  const server = listen({ fetch: app.fetch, port, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new AppError(error.code === 'EADDRINUSE' ? 'UNAVAILABLE' : 'IO', `cannot listen on ${host}:${port}: ${error.code ?? error.message}`)),
    );
  });
  const info = await store.info().catch(() => undefined);
  process.stderr.write(
    `electrolake API on http://${host}:${port} (${store.kind} store${info ? `: ${info.source}, run ${info.run_id ?? 'none'}` : ', not answering yet'}); ` +
      `OpenAPI at /openapi.json\n`,
  );
  if (!existsSync(DEFAULT_STATIC_DIR)) {
    process.stderr.write('dashboard not built: run `npm run build:web` to serve it at /\n');
  }
  await warnIfStale(lake, info?.run_id ?? null);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`${signal}: finishing requests in flight, then stopping\n`);
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  requestLog.flush();
  await store.close();
  process.stderr.write('stopped\n');
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
