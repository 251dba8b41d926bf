import { AppError, firstLine, isAppError } from '../../core/errors.ts';

/** Node socket errors that mean "nobody answers at that address". */
const UNREACHABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE',
  'ECONNABORTED', 'TimeoutError', 'RequestTimeout',
]);
const BAD_CREDENTIALS = new Set([
  'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'TokenRefreshRequired',
  'InvalidClientTokenId', 'CredentialsProviderError',
]);

interface SdkError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The S3 error code of an SDK error (`NoSuchKey`, `InvalidAccessKeyId`…), or the socket error code. */
export function s3ErrorCode(error: unknown): string {
  const e = (error ?? {}) as SdkError;
  return e.Code ?? e.code ?? e.name ?? 'Error';
}

/** Whether an SDK error says the object (or the key prefix) is not there. */
export function isNotFound(error: unknown): boolean {
  const code = s3ErrorCode(error);
  return code === 'NoSuchKey' || code === 'NotFound' || (code !== 'NoSuchBucket' && httpStatus(error) === 404);
}

/**
 * One clear line for what went wrong talking to S3, with the error code the
 * CLI maps to an exit status: credentials (BAD_INPUT), a missing bucket
 * (NOT_FOUND), a server that does not answer (UNAVAILABLE), anything else (IO).
 */
export function s3Error(error: unknown, context: { endpoint: string; doing: string; bucket?: string }): AppError {
  if (isAppError(error)) return error;
  const code = s3ErrorCode(error);
  const status = httpStatus(error);
  const message = firstLine((error as SdkError | undefined)?.message ?? String(error));
  const options = { cause: error, details: { code, endpoint: context.endpoint } };
  if (UNREACHABLE.has(code) || /socket hang up|ECONNREFUSED/.test(message)) {
    return new AppError('UNAVAILABLE', `S3 endpoint ${context.endpoint} does not answer (${code}) while ${context.doing}`, options);
  }
  if (BAD_CREDENTIALS.has(code)) {
    return new AppError(
      'BAD_INPUT',
      `S3 at ${context.endpoint} rejected the credentials (${code}) while ${context.doing}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      options,
    );
  }
  if (code === 'NoSuchBucket') {
    const bucket = context.bucket === undefined ? 'a bucket of the lake' : `bucket '${context.bucket}'`;
    return new AppError(
      'NOT_FOUND',
      `${bucket} does not exist at ${context.endpoint}: create the lake's buckets with \`electrolake lake init\``,
      options,
    );
  }
  if (code === 'AccessDenied' || status === 403) {
    return new AppError('BAD_INPUT', `S3 at ${context.endpoint} denied access (${code}) while ${context.doing}`, options);
  }
  return new AppError('IO', `S3 error while ${context.doing}: ${code}: ${message}`, options);
}

function httpStatus(error: unknown): number | undefined {
  return (error as SdkError | undefined)?.$metadata?.httpStatusCode;
}
