/**
 * Where the test services live. scripts/services/up.sh starts them on these
 * loopback defaults; set the env vars to point the tests at real instances
 * instead (up.sh then leaves that service alone). See docs/services.md.
 */
/** A set, non-empty environment variable (tests may read the environment; src/ reads it in core/config.ts). */
function env(name: string): string | undefined {
  return process.env[name] || undefined;
}

/** MongoDB (mongo-java-server locally): scripts/services/mongo.sh. */
export const MONGO_URI = env('MONGO_URI') ?? 'mongodb://127.0.0.1:27017';

/** FerretDB v1 over PostgreSQL, the second Mongo-wire server: scripts/services/ferretdb.sh. */
export const FERRETDB_URI = env('FERRETDB_URI') ?? 'mongodb://127.0.0.1:27018';

/** The Mongo-wire servers the publish and contract tests run on, by name. */
export const MONGO_SERVERS = [
  { name: 'mongo', uri: MONGO_URI },
  { name: 'ferretdb', uri: FERRETDB_URI },
] as const;
export type MongoServerName = (typeof MONGO_SERVERS)[number]['name'];

/** S3 (MinIO locally): scripts/services/minio.sh. Standard AWS SDK env names. */
export const S3_ENDPOINT = env('AWS_ENDPOINT_URL_S3') ?? env('AWS_ENDPOINT_URL') ?? 'http://127.0.0.1:9000';
export const S3_REGION = env('AWS_REGION') ?? env('AWS_DEFAULT_REGION') ?? 'us-east-1';
export const S3_CREDENTIALS = {
  accessKeyId: env('AWS_ACCESS_KEY_ID') ?? 'minioadmin',
  secretAccessKey: env('AWS_SECRET_ACCESS_KEY') ?? 'minioadmin',
} as const;
/** The buckets minio.sh creates (as the seed's minio-setup does). */
export const S3_BUCKETS = ['sources', 'bronze', 'silver', 'gold'] as const;

/**
 * Options for `new S3Client(...)`. MinIO wants path-style URLs, and the SDK's
 * default CRC checksums on every upload are not needed (MinIO accepts them,
 * but other S3 servers and older MinIO builds do not).
 */
export const S3_CLIENT_CONFIG = {
  endpoint: S3_ENDPOINT,
  region: S3_REGION,
  credentials: S3_CREDENTIALS,
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const;

/** MLflow tracking server: scripts/services/mlflow.sh. */
export const MLFLOW_TRACKING_URI = env('MLFLOW_TRACKING_URI') ?? 'http://127.0.0.1:5001';

/** Debian's Chromium, driven by playwright-core: scripts/services/chromium.sh. */
export const CHROMIUM_PATH = env('CHROMIUM_PATH') ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];
/** For playwright-core's `chromium.launch(CHROMIUM_LAUNCH_OPTIONS)` */
export const CHROMIUM_LAUNCH_OPTIONS: { executablePath: string; args: string[] } = {
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
};

/** The script that starts a service, for failure messages: "run `…`". */
export function startHint(service: 'mongo' | 'ferretdb' | 'minio' | 'mlflow' | 'chromium'): string {
  return `bash scripts/services/${service}.sh start (or bash scripts/services/up.sh)`;
}
