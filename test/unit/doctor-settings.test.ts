import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectiveSettings } from '../../src/cli/doctor/settings.ts';
import { hideUrlSecrets } from '../../src/core/secrets.ts';

describe('hideUrlSecrets', () => {
  it('hides the password of user:password@ and keeps the rest', () => {
    expect(hideUrlSecrets('mongodb://app:s3cr3t@db.example:27017/x?authSource=admin')).toBe('mongodb://app:***@db.example:27017/x?authSource=admin');
    expect(hideUrlSecrets('https://user:pw@mlflow.example')).toBe('https://user:***@mlflow.example');
  });

  it('hides token and password parameters (Spark Connect, query strings)', () => {
    expect(hideUrlSecrets('sc://spark:15002/;user_id=me;token=abc123')).toBe('sc://spark:15002/;user_id=me;token=***');
    expect(hideUrlSecrets('https://h/?password=x&a=1')).toBe('https://h/?password=***&a=1');
  });

  it('leaves URLs without secrets as they are', () => {
    for (const url of ['mongodb://127.0.0.1:27017', 'sc://localhost:15002', 's3://acme', 'data/lake']) expect(hideUrlSecrets(url)).toBe(url);
  });
});

describe('effectiveSettings', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('shows where each value comes from and never prints a secret', () => {
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'very-secret-key');
    vi.stubEnv('AWS_SESSION_TOKEN', 'very-secret-token');
    vi.stubEnv('MONGO_URI', 'mongodb://u:hunter2@127.0.0.1:27017');
    vi.stubEnv('PORT', '5123');
    vi.stubEnv('LAKE_URI', '');
    const settings = effectiveSettings();
    const text = JSON.stringify(settings);
    for (const secret of ['very-secret-key', 'very-secret-token', 'hunter2']) expect(text).not.toContain(secret);
    expect(settings.find((s) => s.name === 'PORT')).toEqual({ name: 'PORT', value: '5123', from: 'env' });
    expect(settings.find((s) => s.name === 'LAKE_URI')).toEqual({ name: 'LAKE_URI', value: 'data/lake', from: 'default' });
    expect(settings.find((s) => s.name === 'MONGO_URI')?.value).toBe('mongodb://u:***@127.0.0.1:27017');
    expect(settings.find((s) => s.name === 'AWS_SECRET_ACCESS_KEY')?.value).toMatch(/hidden/);
  });
});
