/**
 * Configuration: flags override environment variables, which override
 * defaults that work with zero services (README.md, "Command line").
 */
export const DEFAULTS = {
  sources: 'data/sources',
  lake: 'data/lake',
  metrics: 'data/metrics',
  engine: 'duckdb',
  sparkRemote: 'sc://localhost:15002',
  mongoDb: 'gold_serving',
  mlflow: 'http://localhost:5001',
  port: 5000,
} as const;

export type EngineName = 'duckdb' | 'spark';

export function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function lakeUri(flag?: string): string {
  return flag ?? env('LAKE_URI') ?? DEFAULTS.lake;
}

export function sparkRemote(flag?: string): string {
  return flag ?? env('SPARK_REMOTE') ?? DEFAULTS.sparkRemote;
}
