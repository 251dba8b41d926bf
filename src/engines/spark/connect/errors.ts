import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { AppError, firstLine } from '../../../core/errors.ts';
import { codec } from './protocol.ts';
import type { ErrorInfo, RpcStatus } from './messages.ts';
import type { SparkRemote } from './remote.ts';

const ERROR_INFO_TYPE = 'type.googleapis.com/google.rpc.ErrorInfo';

/** gRPC codes that mean "no server there", as opposed to "the server refused the query". */
const UNREACHABLE = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

/**
 * Turns a failed gRPC call into one AppError line. Spark sends its SQL error
 * (`[UNRESOLVED_COLUMN...] A column ... SQLSTATE: 42703; line 1 pos 7;`
 * followed by the plan) as the status message, and the error class and
 * SQLSTATE in an ErrorInfo detail; the user sees the first line only.
 */
export function toSparkError(error: unknown, remote: SparkRemote): AppError {
  if (error instanceof AppError) return error;
  if (!isServiceError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new AppError('ENGINE', `Spark: ${firstLine(message)}`, { cause: error });
  }
  if (UNREACHABLE.has(error.code)) {
    return new AppError('UNAVAILABLE', `Spark Connect unreachable at ${remote.url}: ${connectionProblem(error.details)}`, {
      cause: error,
    });
  }
  const info = errorInfo(error);
  const text = info?.metadata?.['message'] ?? error.details;
  const details: Record<string, unknown> = { grpcCode: GrpcStatus[error.code] };
  if (info?.reason) details['exception'] = info.reason;
  if (info?.metadata?.['errorClass']) details['errorClass'] = info.metadata['errorClass'];
  if (info?.metadata?.['sqlState']) details['sqlState'] = info.metadata['sqlState'];
  return new AppError('ENGINE', `Spark: ${firstLine(text || `gRPC ${GrpcStatus[error.code]}`)}`, {
    cause: error,
    details,
  });
}

/** grpc-js says "No connection established. Last error: Error: connect ECONNREFUSED ...; Resolution note: "; keep the cause. */
function connectionProblem(details: string): string {
  const cause = /Last error: (?:Error: )?(.*?)\.?(?: Resolution note:.*)?$/s.exec(details)?.[1];
  return firstLine(cause ?? details);
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error;
}

/** The ErrorInfo inside the `grpc-status-details-bin` trailer, when there is one. */
function errorInfo(error: ServiceError): ErrorInfo | undefined {
  const [raw] = error.metadata.get('grpc-status-details-bin');
  if (!(raw instanceof Uint8Array)) return undefined;
  try {
    const rpcStatus = codec<RpcStatus>('google.rpc.Status').decode(raw);
    const detail = rpcStatus.details?.find((d) => (d.typeUrl ?? d.type_url) === ERROR_INFO_TYPE);
    return detail?.value ? codec<ErrorInfo>('google.rpc.ErrorInfo').decode(detail.value) : undefined;
  } catch {
    // Details are a bonus: the status message alone is still a clear error.
    return undefined;
  }
}
