import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../core/errors.ts';
import { ALLOWED_METHODS, shown } from './errors.ts';
import { stopwatch } from '../core/stopwatch.ts';

/**
 * The HTTP surface around the routes: a request log that cannot be forged,
 * security headers on every answer, CORS only for the origins given, and a
 * read-only API (GET, HEAD, OPTIONS; 405 with `Allow` for anything else).
 */

/** Control characters (newline, NUL, escape…) written as `\xNN`, so a request cannot add a line to the log. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const watch = stopwatch();
    await next();
    const ms = watch.ms().toFixed(2);
    const caller = c.get('caller' as never) as string | undefined;
    const target = escapeControl(`${c.req.path}${queryString(c.req.url)}`);
    log(`${new Date().toISOString()} ${escapeControl(c.req.method)} ${target} ${c.res.status} ${ms}ms${caller ? ` token=${caller}` : ''}`);
  };
}

export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: { frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // TLS is the reverse proxy's business (README, « Sécurité »).
    strictTransportSecurity: false,
  });
  return async (c, next) => {
    await headers(c, next);
    // Data is never cached; the dashboard's files set their own policy.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

/** CORS for these origins only; none: same origin only (no CORS headers at all). */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  if (origins.length === 0) return async (_c, next) => next();
  return cors({ origin: [...origins], allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['Authorization'], maxAge: 600 });
}

export function readOnly(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: ALLOWED_METHODS });
    throw new AppError('METHOD_NOT_ALLOWED', `method ${shown(escapeControl(method))} is not allowed: the API is read-only (${ALLOWED_METHODS})`, {
      details: { allow: ALLOWED_METHODS.split(', ') },
    });
  };
}

function queryString(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i);
}
