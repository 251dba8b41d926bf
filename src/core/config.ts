import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from './errors.ts';
import { SETTINGS, type SettingName, type Settings } from './settings.ts';

export { ENGINE_NAMES, SETTINGS, type EngineName, type SettingName, type Settings } from './settings.ts';

/**
 * The one place that reads the process environment (a lint rule forbids
 * `process.env` elsewhere in src/). Every setting comes, in this order of
 * precedence, from a command-line flag, an environment variable, an
 * optional `electrolake.config.json|yaml|yml` (in the working directory, or
 * the file named by `ELECTROLAKE_CONFIG`), or its default, and is validated
 * with zod: a bad value is one clear error naming where it came from.
 * README.md, "Configuration", lists them; `electrolake config` prints them.
 */

/** Defaults that need no service: the embedded engine, a local lake. */
export const DEFAULTS = Object.fromEntries(Object.entries(SETTINGS).map(([name, s]) => [name, s.default])) as {
  [K in SettingName]: (typeof SETTINGS)[K]['default'];
};

export type Origin = { kind: 'flag' } | { kind: 'env'; name: string } | { kind: 'file'; path: string } | { kind: 'default' };

export interface LoadedSettings {
  settings: Settings;
  origins: Record<SettingName, Origin>;
}

export type Flags = { [K in SettingName]?: Settings[K] | undefined };

interface ConfigFile {
  path: string;
  values: Record<string, unknown>;
}

/** Pure: the effective settings from flags, an environment and a parsed config file. */
export function loadSettings(flags: Flags, environment: Readonly<Record<string, string | undefined>>, file?: ConfigFile): LoadedSettings {
  if (file) {
    const unknown = Object.keys(file.values).filter((key) => !(key in SETTINGS));
    if (unknown.length) throw new AppError('BAD_INPUT', `${file.path}: unknown setting ${unknown.join(', ')} (known: ${Object.keys(SETTINGS).join(', ')})`);
  }
  const settings: Record<string, unknown> = {};
  const origins = {} as Record<SettingName, Origin>;
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const flag = flags[name];
    const envName = setting.env.find((n) => environment[n] !== undefined && environment[n] !== '');
    const [raw, origin]: [unknown, Origin] =
      flag !== undefined ? [flag, { kind: 'flag' }]
      : envName !== undefined ? [environment[envName], { kind: 'env', name: envName }]
      : file?.values[name] !== undefined ? [file.values[name], { kind: 'file', path: file.path }]
      : [setting.default, { kind: 'default' }];
    const parsed = (setting.schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const where = origin.kind === 'env' ? origin.name : origin.kind === 'file' ? `${name} in ${origin.path}` : `--${name}`;
      throw new AppError('BAD_INPUT', `${where}: ${parsed.error.issues[0]?.message ?? 'invalid'} (got ${JSON.stringify(raw)})`);
    }
    settings[name] = parsed.data;
    origins[name] = origin;
  }
  return { settings: settings as Settings, origins };
}

const FILE_NAMES = ['electrolake.config.json', 'electrolake.config.yaml', 'electrolake.config.yml'];
let fileCache: { key: string; file: ConfigFile | undefined } | undefined;

/** The config file, read once per path. */
function configFile(): ConfigFile | undefined {
  const named = process.env['ELECTROLAKE_CONFIG'];
  const path = named ? resolve(named) : FILE_NAMES.map((n) => resolve(n)).find((p) => existsSync(p));
  const key = path ?? '';
  if (fileCache?.key === key) return fileCache.file;
  let file: ConfigFile | undefined;
  if (path !== undefined) {
    let values: unknown;
    try {
      const text = readFileSync(path, 'utf8');
      values = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new AppError('BAD_INPUT', `cannot read the config file ${path}: ${(error as Error).message}`);
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new AppError('BAD_INPUT', `the config file ${path} must hold an object of settings`);
    }
    file = { path, values: values as Record<string, unknown> };
  }
  fileCache = { key, file };
  return file;
}

let cache: { key: string; loaded: LoadedSettings } | undefined;

/**
 * The effective settings with these flags on top. The environment is read
 * each time it may have changed (tests set variables in-process); the result
 * is kept while it has not.
 */
export function loadConfig(flags: Flags = {}): LoadedSettings {
  const names = Object.values(SETTINGS).flatMap((s) => s.env);
  const environment = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  const file = configFile();
  const key = JSON.stringify([environment, file?.path ?? null]);
  const hasFlags = Object.values(flags).some((v) => v !== undefined);
  if (!hasFlags && cache?.key === key) return cache.loaded;
  const loaded = loadSettings(flags, environment, file);
  if (!hasFlags) cache = { key, loaded };
  return loaded;
}

export function settings(flags: Flags = {}): Settings {
  return loadConfig(flags).settings;
}

export function lakeUri(flag?: string): string {
  return settings({ lake: flag }).lake;
}

export function sparkRemote(flag?: string): string {
  return settings({ sparkRemote: flag }).sparkRemote;
}

/** The environment a child process inherits, with these variables set (the only other process.env access). */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * The AWS SDK warns on every process under Node < 22 that future releases
 * will need 22; on a CLI that is noise in front of every S3 command's
 * output. The SDK reads only its environment variable, so set it here.
 */
export function quietAwsSdkNodeWarning(): void {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
