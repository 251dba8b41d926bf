import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, loadSettings, SETTINGS } from '../../src/core/config.ts';
import { AppError } from '../../src/core/errors.ts';
import { shownSetting as shown } from '../../src/core/secrets.ts';

const file = (values: Record<string, unknown>) => ({ path: 'electrolake.config.json', values });

describe('core/config: one typed configuration', () => {
  it('takes each setting from the flag, else the environment, else the file, else the default', () => {
    const { settings, origins } = loadSettings(
      { lake: 'flag-lake' },
      { LAKE_URI: 'env-lake', MONGO_DB: 'env-db', PORT: '8080' },
      file({ lake: 'file-lake', mongoDb: 'file-db', engine: 'spark', host: '0.0.0.0' }),
    );
    expect(settings).toMatchObject({ lake: 'flag-lake', mongoDb: 'env-db', port: 8080, engine: 'spark', host: '0.0.0.0' });
    expect(settings.sources).toBe(DEFAULTS.sources);
    expect(origins.lake).toEqual({ kind: 'flag' });
    expect(origins.mongoDb).toEqual({ kind: 'env', name: 'MONGO_DB' });
    expect(origins.engine).toEqual({ kind: 'file', path: 'electrolake.config.json' });
    expect(origins.sources).toEqual({ kind: 'default' });
  });

  it('reads the first of several variables and treats an empty one as unset', () => {
    const { settings } = loadSettings({}, { AWS_ENDPOINT_URL: 'http://b:9000', AWS_ENDPOINT_URL_S3: 'http://a:9000', AWS_REGION: '' });
    expect(settings.awsEndpoint).toBe('http://a:9000');
    expect(settings.awsRegion).toBe('us-east-1');
  });

  it('parses switches and the debug variable', () => {
    expect(loadSettings({}, { SERVING_CACHE: 'off', DEBUG: 'x,electrolake' }).settings).toMatchObject({ servingCache: false, debug: true });
    expect(loadSettings({}, { SERVING_CACHE: 'on', DEBUG: 'other' }).settings).toMatchObject({ servingCache: true, debug: false });
  });

  it('loops back to 127.0.0.1 by default for every service it probes', () => {
    expect(DEFAULTS.mlflowDefaultUri).toBe('http://127.0.0.1:5001');
    expect(DEFAULTS.sparkRemote).toBe('sc://127.0.0.1:15002');
    expect(DEFAULTS.host).toBe('127.0.0.1');
  });

  it('names the variable or file key of a bad value', () => {
    expect(() => loadSettings({}, { PORT: 'abc' })).toThrow(/^PORT: .*"abc"/);
    expect(() => loadSettings({}, {}, file({ engine: 'pandas' }))).toThrow(/engine in electrolake.config.json/);
    expect(() => loadSettings({}, {}, file({ lakeUri: 'x' }))).toThrow(/unknown setting lakeUri/);
    const error = (() => {
      try {
        loadSettings({}, { SPARK_REMOTE: 'localhost:15002' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).exitCode).toBe(2);
  });

  it('hides secrets when printing, keeping which server a URI points at', () => {
    expect(shown('mongoUri', 'mongodb://user:pw@db:27017/x')).toBe('mongodb://user:***@db:27017/x');
    expect(shown('awsSecretAccessKey', 'abc')).toBe('set (3 characters, hidden)');
    expect(shown('sparkRemote', 'sc://spark:15002/;token=t0k')).toBe('sc://spark:15002/;token=***');
    expect(shown('awsAccessKeyId', undefined)).toBeNull();
    expect(shown('port', 5000)).toBe(5000);
  });
});

describe('README, "Configuration"', () => {
  it('has one row per setting, with every variable it is read from', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Configuration'), readme.indexOf('`electrolake config [--json]`'));
    const rows = section.split('\n').filter((line) => /^\| `\w+`/.test(line));
    const names = rows.map((row) => /^\| `(\w+)`/.exec(row)?.[1]);
    expect(names).toEqual(Object.keys(SETTINGS));
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const row = rows.find((r) => r.startsWith(`| \`${name}\``)) ?? '';
      for (const variable of setting.env) expect(row, name).toContain(`\`${variable}\``);
      if ('secret' in setting) expect(row, name).toContain('(secret)');
    }
  });
});
