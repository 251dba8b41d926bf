import type { Context } from 'hono';
import { toAppError, type AppError } from '../core/errors.ts';
import { scrub, scrubValue } from './redact.ts';

/**
 * Every error the API answers, as `{"error": {"code", "message",
 * "details"}}` with the status of its code and the headers the status
 * calls for. A server-side error (5xx) is told without the absolute paths,
 * hosts and URLs of the lake or of a backing service: those go to the log.
 */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

export function errorBody(error: AppError) {
  const server = error.httpStatus >= 500;
  return {
    error: {
      code: error.code,
      message: server ? scrub(error.message) : error.message,
      details: server ? (scrubValue(error.details ?? {}) as Record<string, unknown>) : (error.details ?? {}),
    },
  };
}

export function errorResponse(c: Context, thrown: unknown): Response {
  const error = toAppError(thrown);
  if (error.code === 'UNAUTHORIZED') c.header('WWW-Authenticate', 'Bearer realm="electrolake"');
  if (error.code === 'METHOD_NOT_ALLOWED') c.header('Allow', ALLOWED_METHODS);
  if (error.code === 'TOO_MANY_REQUESTS') c.header('Retry-After', String(error.details?.['retry_after_s'] ?? 1));
  return c.json(errorBody(error), error.httpStatus as 400);
}

/** The same body as a raw HTTP/1.1 answer, for errors Node answers before the app (431, unknown methods). */
export function rawErrorResponse(error: AppError, reason: string): string {
  const body = JSON.stringify(errorBody(error));
  const allow = error.code === 'METHOD_NOT_ALLOWED' ? `Allow: ${ALLOWED_METHODS}\r\n` : '';
  return (
    `HTTP/1.1 ${error.httpStatus} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n${allow}Connection: close\r\n\r\n${body}`
  );
}

/** A bad value shown back to the caller: once, and at most 100 characters. */
export function shown(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
