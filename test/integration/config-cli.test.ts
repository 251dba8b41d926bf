import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';

/** `electrolake config` through the real command line, with a config file in the working directory. */
describe('electrolake config', () => {
  const clean = { LAKE_URI: '', MONGO_URI: '', MONGO_DB: '', PORT: '', ELECTROLAKE_CONFIG: '', AWS_SECRET_ACCESS_KEY: '' };

  it('prints flags over the environment over electrolake.config.yaml over defaults, secrets hidden', () => {
    const cwd = tempDir('electrolake-config-');
    writeFileSync(join(cwd, 'electrolake.config.yaml'), 'lake: from-file\nmongoDb: shop\nengine: spark\n');
    const result = cli(['config', '--json', '--engine', 'duckdb'], {
      cwd,
      env: { ...clean, MONGO_DB: 'from-env', MONGO_URI: 'mongodb://me:secret@db:27017', AWS_SECRET_ACCESS_KEY: 'top' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, { value: unknown; from: string }>;
    expect(printed['engine']).toEqual({ value: 'duckdb', from: 'flag' });
    expect(printed['mongoDb']).toEqual({ value: 'from-env', from: 'env MONGO_DB' });
    expect(printed['lake']).toEqual({ value: 'from-file', from: `file ${join(cwd, 'electrolake.config.yaml')}` });
    expect(printed['port']).toEqual({ value: 5000, from: 'default' });
    expect(printed['mongoUri']?.value).toBe('mongodb://me:***@db:27017');
    expect(printed['awsSecretAccessKey']?.value).toBe('set (3 characters, hidden)');
    expect(result.stdout).not.toContain('secret');
  });

  it('a setting of the file reaches the command when no flag is given (generate writes to its sources)', () => {
    const cwd = tempDir('electrolake-config-');
    writeFileSync(join(cwd, 'electrolake.config.json'), JSON.stringify({ sources: 'from-file-sources' }));
    const result = cli(['generate', '--scale', '0.01'], { cwd, env: clean });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('in from-file-sources');
    expect(existsSync(join(cwd, 'from-file-sources', 'clients.csv'))).toBe(true);
    const flagged = cli(['generate', '--scale', '0.01', '--out', 'flag-sources'], { cwd, env: clean });
    expect(flagged.status, flagged.stderr).toBe(0);
    expect(existsSync(join(cwd, 'flag-sources', 'achats.csv'))).toBe(true);
  });

  it('refuses a bad setting with one line naming it and exit status 2', () => {
    const cwd = tempDir('electrolake-config-');
    writeFileSync(join(cwd, 'electrolake.config.json'), JSON.stringify({ port: 'http' }));
    const result = cli(['run'], { cwd, env: clean });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^electrolake: port in .*electrolake\.config\.json: .*"http"/);
  });
});
