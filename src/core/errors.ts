/**
 * One error type for everything a user can cause or meet. The code decides
 * the CLI exit status and the HTTP status (one table, as in tRPC), so no
 * layer invents its own mapping.
 */
export const ERROR_CODES = {
  BAD_INPUT: { http: 400, exit: 2 },
  NOT_FOUND: { http: 404, exit: 2 },
  UNAUTHORIZED: { http: 401, exit: 2 },
  FORBIDDEN: { http: 403, exit: 2 },
  METHOD_NOT_ALLOWED: { http: 405, exit: 2 },
  TOO_MANY_REQUESTS: { http: 429, exit: 3 },
  HEADERS_TOO_LARGE: { http: 431, exit: 2 },
  CHECK_FAILED: { http: 500, exit: 1 },
  UNAVAILABLE: { http: 503, exit: 3 },
  EMPTY: { http: 503, exit: 3 },
  IO: { http: 500, exit: 4 },
  ENGINE: { http: 500, exit: 5 },
  INTERNAL: { http: 500, exit: 70 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(error: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(fallback, firstLine(message), { cause: error });
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim();
}
