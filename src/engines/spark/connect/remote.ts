import { userInfo } from 'node:os';
import { AppError } from '../../../core/errors.ts';

/**
 * A Spark Connect address, `sc://host[:port][/;key=value;...]`, the same
 * connection string PySpark and the Scala client take (SPARK_REMOTE), so one
 * value works for every client of the same cluster.
 */
export interface SparkRemote {
  /** The string as given, for error messages. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly userId: string;
  readonly useSsl: boolean;
  /** Bearer token sent as `authorization` metadata (implies TLS in Spark's clients). */
  readonly token: string | undefined;
}

const DEFAULT_PORT = 15002;

export function parseRemote(url: string): SparkRemote {
  const match = /^sc:\/\/([^/:;]+|\[[^\]]+\])(?::(\d+))?\/?(.*)$/.exec(url.trim());
  if (!match) {
    throw new AppError('BAD_INPUT', `invalid Spark Connect address '${url}' (expected sc://host:port)`);
  }
  const [, host = '', port, rest = ''] = match;
  const params = new Map<string, string>();
  for (const part of rest.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new AppError('BAD_INPUT', `invalid parameter '${part}' in Spark Connect address '${url}'`);
    params.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
  }
  const token = params.get('token');
  return {
    url: url.trim(),
    host: host.replace(/^\[|\]$/g, ''),
    port: port === undefined ? DEFAULT_PORT : Number(port),
    userId: params.get('user_id') ?? safeUserName(),
    useSsl: params.get('use_ssl') === 'true' || token !== undefined,
    token,
  };
}

/** `host:port` as gRPC wants it (IPv6 literals in brackets). */
export function grpcTarget(remote: SparkRemote): string {
  const host = remote.host.includes(':') ? `[${remote.host}]` : remote.host;
  return `${host}:${remote.port}`;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'electrolake';
  }
}
