import { z } from 'zod';
import { DEFAULT_ENGINE, DEFAULT_SOURCES, ENGINE_NAMES, type EngineName } from './defaults.ts';

export { ENGINE_NAMES, type EngineName };

/** `off`, `0`, `false`, `no` (any case) are false; anything else true. */
const onOff = z.union([z.boolean(), z.string().transform((v) => !/^(0|off|false|no)$/i.test(v.trim()))]);
const optionalText = z.string().min(1).optional();
const url = (what: string) => z.string().regex(/^[a-z][a-z0-9+.-]*:\/\//i, `expected ${what}`);

interface Setting<T> {
  env: readonly string[];
  schema: z.ZodType<T, unknown>;
  default: T;
  secret?: true;
  /** What happens when an optional setting is unset (shown by `config` and `doctor`). */
  unset?: string;
  /** A test hook: `doctor` does not list it. */
  hook?: true;
  description: string;
}

const setting = <T>(s: Setting<T>): Setting<T> => s;

/**
 * Every setting of electrolake: the environment variables it is read from
 * (first set wins), its schema, its default, and whether it is a secret
 * that `electrolake config` must hide. The config file uses the same names
 * as keys (`{"lake": "s3://", "mongoDb": "shop"}`).
 */
export const SETTINGS = {
  lake: setting({ env: ['LAKE_URI'], schema: z.string().min(1), default: 'data/lake', description: 'lake root: a directory or s3://…' }),
  sources: setting({ env: [], schema: z.string().min(1), default: DEFAULT_SOURCES, description: 'source CSV directory of a local lake' }),
  metrics: setting({ env: [], schema: z.string().min(1), default: 'data/metrics', description: 'where bench figures are written and read' }),
  engine: setting<EngineName>({ env: [], schema: z.enum(ENGINE_NAMES), default: DEFAULT_ENGINE, description: 'engine that runs the SQL' }),
  sparkRemote: setting({
    env: ['SPARK_REMOTE'], schema: url('sc://host:port'), default: 'sc://127.0.0.1:15002', description: 'Spark Connect server',
  }),
  mongoUri: setting<string | undefined>({
    env: ['MONGO_URI'], schema: optionalText, default: undefined, secret: true, unset: 'the embedded store',
    description: 'MongoDB connection string; set: publish and serve use MongoDB',
  }),
  mongoDb: setting({ env: ['MONGO_DB'], schema: z.string().min(1), default: 'gold_serving', description: 'MongoDB database' }),
  servingCache: setting<boolean>({
    env: ['SERVING_CACHE'], schema: onOff, default: true, description: 'result cache of the embedded store (off to measure)',
  }),
  mlflowTrackingUri: setting<string | undefined>({
    env: ['MLFLOW_TRACKING_URI'], schema: optionalText, default: undefined, secret: true,
    unset: 'mlflowDefaultUri when it answers, else local files in the lake',
    description: 'MLflow server (http[s]://) or a directory of local runs; unset: the default server if it answers, else the lake',
  }),
  mlflowDefaultUri: setting({
    env: [], schema: url('an http(s) URL'), default: 'http://127.0.0.1:5001', description: 'MLflow server tried when none is configured',
  }),
  port: setting<number>({
    env: ['PORT'], schema: z.coerce.number().int().min(0).max(65_535), default: 5000, description: 'port of `serve`',
  }),
  host: setting({
    env: ['HOST'], schema: z.string().min(1), default: '127.0.0.1',
    description: 'address `serve` listens on (0.0.0.0 in a container)',
  }),
  lakeCacheDir: setting({
    env: ['LAKE_CACHE_DIR'], schema: z.string().min(1), default: '.cache/lake-s3', description: 'local copies of an S3 lake (DuckDB)',
  }),
  awsEndpoint: setting<string | undefined>({
    env: ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'], schema: url('an http(s) URL').optional(), default: undefined, unset: 'AWS S3',
    description: 'S3 endpoint (MinIO); unset: AWS',
  }),
  awsRegion: setting({ env: ['AWS_REGION', 'AWS_DEFAULT_REGION'], schema: z.string().min(1), default: 'us-east-1', description: 'S3 region' }),
  awsAccessKeyId: setting<string | undefined>({
    env: ['AWS_ACCESS_KEY_ID'], schema: optionalText, default: undefined, unset: 'the AWS SDK default chain',
    description: 'S3 access key id (an identifier, not a secret)',
  }),
  awsSecretAccessKey: setting<string | undefined>({
    env: ['AWS_SECRET_ACCESS_KEY'], schema: optionalText, default: undefined, secret: true, description: 'S3 secret key',
  }),
  awsSessionToken: setting<string | undefined>({
    env: ['AWS_SESSION_TOKEN'], schema: optionalText, default: undefined, secret: true, description: 'S3 session token',
  }),
  faultCommitStep: setting<number>({
    env: ['ELECTROLAKE_FAULT_COMMIT_STEP'], schema: z.coerce.number().int().min(0), default: 0, hook: true,
    description: 'test hook: the Nth write or rename of a commit fails as an I/O error would (0: never)',
  }),
  slowCommitMs: setting<number>({
    env: ['ELECTROLAKE_SLOW_COMMIT_MS'], schema: z.coerce.number().int().min(0), default: 0, hook: true,
    description: 'test hook: each write or rename of a commit waits this many milliseconds first, as a slow disk or network would (0: never)',
  }),
  debug: setting<boolean>({
    env: ['DEBUG'], schema: z.union([z.boolean(), z.string().transform((v) => v.includes('electrolake'))]), default: false,
    description: 'stack traces on errors (DEBUG=electrolake)',
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: (typeof SETTINGS)[K]['default'] };
