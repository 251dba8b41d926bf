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

/**
 * Wraps anything thrown into an AppError, keeping AppErrors as they are,
 * except that a failure of the storage itself (full disk, read-only file
 * system, no permission) is `IO` whichever layer met it: Node's file
 * calls, DuckDB's or Spark's writes (their message), the lake's commit.
 */
export function toAppError(error: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (isAppError(error)) {
    return (error.code === 'ENGINE' || error.code === 'INTERNAL') && isStorageFailure(error)
      ? new AppError('IO', error.message, { cause: error, ...(error.details ? { details: error.details } : {}) })
      : error;
  }
  if (isStorageFailure(error)) return new AppError('IO', storageMessage(error as NodeJS.ErrnoException, firstLine(message)), { cause: error });
  return new AppError(fallback, firstLine(message), { cause: error });
}

/** errno codes of a storage that cannot take the write, and what to tell the user. */
const STORAGE_ERRNO: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};
/** The same failures as the engines word them (DuckDB, the JVM behind Spark). */
const STORAGE_TEXT = /No space left on device|Disk quota exceeded|Read-only file system|Permission denied/i;

/** Whether `error`, or an error it was caused by, is the storage refusing a write. */
export function isStorageFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code in STORAGE_ERRNO) return true;
    if (e instanceof Error && STORAGE_TEXT.test(e.message)) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/** `EROFS: read-only file system, open '/lake/x'` → `the file system is read-only: open '/lake/x'`. */
function storageMessage(error: NodeJS.ErrnoException, message: string): string {
  const said = error.code === undefined ? undefined : STORAGE_ERRNO[error.code];
  if (said === undefined) return message;
  const what = [error.syscall, error.path === undefined ? undefined : `'${error.path}'`].filter(Boolean).join(' ');
  return what === '' ? `${said} (${error.code})` : `${said} (${error.code}): ${what}`;
}

export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim();
}
