import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { connect } from 'node:net';
import { loadConfig } from '../../core/config.ts';
import { hideUrlSecrets } from '../../core/secrets.ts';
import { openEngine } from '../../engines/registry.ts';
import { isS3Uri } from '../../lake/open.ts';
import { parseRemote } from '../../engines/spark/connect/remote.ts';
import { createS3Client, describeEndpoint, s3Settings } from '../../lake/s3/client.ts';

/** A backing service the configuration points at, and how to ask it for its version. */
export interface ServiceProbe {
  name: string;
  /** Where it is expected, secrets hidden. */
  target: string;
  /** Resolves with the server's version (or what it says of itself); rejects when it does not answer. */
  version: (timeoutMs: number) => Promise<string>;
  /** One line telling the user how to fix a failure. */
  fix: string;
}

/** An unset service is not configured: the command line then uses its no-service default. */
export interface Unconfigured {
  name: string;
  instead: string;
}

/** The services the current configuration uses, and the ones it does not. */
export function configuredServices(): { probes: ServiceProbe[]; unconfigured: Unconfigured[] } {
  const probes: ServiceProbe[] = [];
  const unconfigured: Unconfigured[] = [];
  const { settings, origins } = loadConfig();

  // The default Spark address is a convention, not a configuration: probed only when set.
  const spark = origins.sparkRemote.kind === 'default' ? undefined : settings.sparkRemote;
  if (spark === undefined) unconfigured.push({ name: 'Spark Connect', instead: 'SPARK_REMOTE unset: runs use DuckDB unless --engine spark' });
  else {
    probes.push({
      name: 'Spark Connect',
      target: hideUrlSecrets(spark),
      version: async (timeoutMs) => {
        // gRPC waits for a server that is not there until the deadline; a
        // refused TCP connection says it at once.
        const remote = parseRemote(spark);
        await tcpConnect(remote.host, remote.port, timeoutMs);
        const engine = await openEngine('spark', { sparkRemote: spark });
        try {
          return await engine.version();
        } finally {
          await engine.close();
        }
      },
      fix: `start Spark Connect at ${hideUrlSecrets(spark)} (bash scripts/services/spark.sh start in a checkout), or unset SPARK_REMOTE and run on DuckDB`,
    });
  }

  const s3 = s3Settings();
  if (!isS3Uri(settings.lake) && s3.endpoint === undefined) {
    unconfigured.push({ name: 'S3', instead: 'LAKE_URI is not s3:// and AWS_ENDPOINT_URL is unset: the lake is local files' });
  } else {
    probes.push({
      name: 'S3',
      target: describeEndpoint(s3),
      version: async (timeoutMs) => {
        const client = createS3Client(s3);
        try {
          const listed = await client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
          const server = s3.endpoint === undefined ? 'AmazonS3' : await serverHeader(s3.endpoint, timeoutMs);
          return `${server}, ${listed.Buckets?.length ?? 0} bucket(s) visible`;
        } finally {
          client.destroy();
        }
      },
      fix: `start the S3 server at ${describeEndpoint(s3)} or fix AWS_ENDPOINT_URL / AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; unset LAKE_URI for a local lake`,
    });
  }

  const mongo = settings.mongoUri;
  if (mongo === undefined) unconfigured.push({ name: 'MongoDB', instead: 'MONGO_URI unset: publish and serve use the embedded DuckDB store' });
  else {
    probes.push({
      name: 'MongoDB',
      target: hideUrlSecrets(mongo),
      version: async (timeoutMs) => {
        // The driver retries a refused server until its selection deadline
        // (the whole --timeout); a refused TCP connection says it at once.
        const single = singleMongoHost(mongo);
        if (single !== undefined) await tcpConnect(single.host, single.port, timeoutMs);
        const { MongoClient } = await import('mongodb');
        const client = new MongoClient(mongo, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
        try {
          const info = await client.db('admin').command({ buildInfo: 1 });
          return `MongoDB ${String(info['version'])}`;
        } finally {
          await client.close();
        }
      },
      fix: `start MongoDB at ${hideUrlSecrets(mongo)} or fix MONGO_URI; unset it to serve from the embedded store`,
    });
  }

  const mlflow = settings.mlflowTrackingUri;
  if (mlflow === undefined || !/^https?:\/\//.test(mlflow)) {
    unconfigured.push({
      name: 'MLflow',
      instead: mlflow === undefined ? `MLFLOW_TRACKING_URI unset: train uses MLflow at ${settings.mlflowDefaultUri} when it answers, else local files` : `runs are tracked as local files in ${mlflow}`,
    });
  } else {
    const uri = mlflow.replace(/\/+$/, '');
    probes.push({
      name: 'MLflow',
      target: hideUrlSecrets(uri),
      version: async (timeoutMs) => {
        const response = await fetch(`${uri}/version`, { signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
          // fetch says only "fetch failed"; the reason (ECONNREFUSED…) is its cause.
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
          throw cause === undefined ? error : new Error(cause);
        });
        if (!response.ok) throw new Error(`GET /version answered HTTP ${response.status}`);
        return `MLflow ${(await response.text()).trim()}`;
      },
      fix: `start the MLflow server at ${hideUrlSecrets(uri)} (mlflow server --port …) or fix MLFLOW_TRACKING_URI; unset it to track runs as local files`,
    });
  }
  return { probes, unconfigured };
}

/** What an S3-compatible server calls itself (MinIO sends `Server: MinIO`); S3 has no version call. */
async function serverHeader(endpoint: string, timeoutMs: number): Promise<string> {
  const response = await fetch(endpoint, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
  return response?.headers.get('server') ?? 'S3-compatible server';
}

/**
 * The host and port of a `mongodb://` URI naming one server; undefined for
 * several hosts (a replica set answers while one of them is down), a
 * Unix socket, or `mongodb+srv://` (the hosts come from DNS).
 */
export function singleMongoHost(uri: string): { host: string; port: number } | undefined {
  if (!URL.canParse(uri.trim()) || !uri.trim().startsWith('mongodb://')) return undefined; // several host:port pairs are no URL
  const { hostname, port } = new URL(uri.trim());
  if (hostname === '' || /[,%]/.test(hostname)) return undefined; // several hosts without ports, or an encoded socket path
  return { host: hostname.replace(/^\[|\]$/g, ''), port: port === '' ? 27017 : Number(port) };
}

/** Resolves once a TCP connection to host:port opens (then closes it); rejects with the socket's error. */
function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no TCP connection to ${host}:${port} within ${timeoutMs} ms`));
    });
    socket.once('error', reject);
  });
}
