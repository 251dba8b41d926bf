import { DEFAULTS, env, lakeUri, sparkRemote } from '../../core/config.ts';

/** One effective setting: its value (secrets hidden) and where it came from. */
export interface Setting {
  name: string;
  value: string;
  from: 'env' | 'default';
}

/**
 * The configuration every command would use right now, secrets hidden. This
 * is the one place `electrolake doctor` reads settings from, so a typed
 * configuration module can replace it without touching the checks.
 */
export function effectiveSettings(): Setting[] {
  const setting = (name: string, fallback: string | undefined, show: (value: string) => string = (v) => v): Setting[] => {
    const value = env(name);
    if (value !== undefined) return [{ name, value: show(value), from: 'env' }];
    return fallback === undefined ? [] : [{ name, value: fallback, from: 'default' }];
  };
  return [
    { name: 'LAKE_URI', value: hideUrlSecrets(lakeUri()), from: env('LAKE_URI') === undefined ? 'default' : 'env' },
    { name: 'SPARK_REMOTE', value: hideUrlSecrets(sparkRemote()), from: env('SPARK_REMOTE') === undefined ? 'default' : 'env' },
    ...setting('MONGO_URI', '(unset: the embedded store)', hideUrlSecrets),
    ...setting('MONGO_DB', DEFAULTS.mongoDb),
    ...setting('AWS_ENDPOINT_URL_S3', undefined),
    ...setting('AWS_ENDPOINT_URL', '(unset: AWS S3)'),
    ...setting('AWS_REGION', env('AWS_DEFAULT_REGION') ?? 'us-east-1'),
    ...setting('AWS_ACCESS_KEY_ID', '(unset: the AWS SDK default chain)'),
    ...setting('AWS_SECRET_ACCESS_KEY', '(unset)', hidden),
    ...setting('AWS_SESSION_TOKEN', undefined, hidden),
    ...setting('MLFLOW_TRACKING_URI', `(unset: ${DEFAULTS.mlflowDefaultUri} when it answers, else local files in the lake)`, hideUrlSecrets),
    ...setting('PORT', String(DEFAULTS.port)),
    ...setting('HOST', '127.0.0.1'),
    ...setting('SERVING_CACHE', 'on'),
  ];
}

/** Prints the settings as aligned `NAME  value  (env|default)` lines. */
export function formatSettings(settings: Setting[]): string[] {
  const width = Math.max(...settings.map((s) => s.name.length));
  return settings.map((s) => `  ${s.name.padEnd(width)}  ${s.value}${s.from === 'default' && !s.value.startsWith('(') ? '  (default)' : ''}`);
}

function hidden(value: string): string {
  return `set (${value.length} characters, hidden)`;
}

/**
 * A connection string without its secrets: the password of `user:password@`
 * and `token=`/`password=` parameters (Spark Connect's `;token=…`, query
 * strings) become `***`.
 */
export function hideUrlSecrets(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@')
    .replace(/([;?&](?:token|password|secret|key)=)[^;&]*/gi, '$1***');
}
