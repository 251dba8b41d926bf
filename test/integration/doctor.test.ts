/**
 * `electrolake doctor` against the real services (scripts/services/up.sh):
 * every configured service up, then each one pointed at a closed port in
 * turn. A service that is missing here makes the first test fail.
 */
import { describe, expect, it } from 'vitest';
import { sparkRemote } from '../../src/core/config.ts';
import { cli } from '../support/cli.ts';
import { freePort } from '../support/serve.ts';
import { MLFLOW_TRACKING_URI, MONGO_URI, S3_CREDENTIALS, S3_ENDPOINT, S3_REGION } from '../support/services.ts';

/** Every setting doctor reads, so the caller's environment cannot leak in. */
const ALL_UP = {
  SPARK_REMOTE: sparkRemote(),
  AWS_ENDPOINT_URL: S3_ENDPOINT,
  AWS_ENDPOINT_URL_S3: '',
  AWS_REGION: S3_REGION,
  AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
  MONGO_URI,
  MLFLOW_TRACKING_URI,
  LAKE_URI: '',
};
const NONE = Object.fromEntries(Object.keys(ALL_UP).map((name) => [name, '']));

function doctor(env: Record<string, string>) {
  // Generous: opening a Spark Connect session takes seconds on a loaded machine.
  return cli(['doctor', '--timeout', '60000'], { env });
}

describe('electrolake doctor', () => {
  it('with every configured service up: each answers with its version, exit 0', () => {
    const result = doctor(ALL_UP);
    expect(result.stderr).toBe('');
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^ {2}✓ Spark Connect +\S+ answers: spark \d+\.\d+\.\d+/m);
    expect(result.stdout).toMatch(/^ {2}✓ S3 +http:\/\/127\.0\.0\.1:\d+ answers: MinIO, \d+ bucket\(s\) visible$/m);
    expect(result.stdout).toMatch(/^ {2}✓ MongoDB +mongodb:\/\/\S+ answers: MongoDB \d+\.\d+/m);
    expect(result.stdout).toMatch(/^ {2}✓ MLflow +http:\/\/\S+ answers: MLflow \d+\.\d+\.\d+$/m);
    expect(result.stdout).toContain('all 4 configured service(s) answer');
    // The configuration is printed, the secret is not.
    expect(result.stdout).toMatch(/^ {2}AWS_SECRET_ACCESS_KEY +set \(\d+ characters, hidden\)$/m);
    // (MinIO's test key id and secret are the same word: only the key id's line, not a secret, may show it.)
    const shown = result.stdout.split('\n').filter((line) => line.includes(S3_CREDENTIALS.secretAccessKey));
    expect(shown.every((line) => /^ {2}AWS_ACCESS_KEY_ID /.test(line))).toBe(true);
    expect(result.stdout).toMatch(/^ {2}MONGO_URI +mongodb:\/\//m);
  });

  it('with nothing configured: says what runs embedded instead, exit 0', () => {
    const result = doctor(NONE);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    for (const name of ['Spark Connect', 'S3', 'MongoDB', 'MLflow']) expect(result.stdout).toMatch(new RegExp(`^ {2}- ${name} +not configured \\(`, 'm'));
    expect(result.stdout).toContain('no backing service configured: everything runs embedded');
  });

  const down: [string, (port: number) => Record<string, string>, RegExp][] = [
    ['Spark Connect', (port) => ({ SPARK_REMOTE: `sc://127.0.0.1:${port}` }), /fix: start Spark Connect at sc:\/\/127\.0\.0\.1:\d+ .*or unset SPARK_REMOTE/],
    ['S3', (port) => ({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }), /fix: start the S3 server at http:\/\/127\.0\.0\.1:\d+ or fix AWS_ENDPOINT_URL/],
    ['MongoDB', (port) => ({ MONGO_URI: `mongodb://127.0.0.1:${port}` }), /fix: start MongoDB at mongodb:\/\/127\.0\.0\.1:\d+ or fix MONGO_URI/],
    ['MLflow', (port) => ({ MLFLOW_TRACKING_URI: `http://127.0.0.1:${port}` }), /fix: start the MLflow server at http:\/\/127\.0\.0\.1:\d+ .*or fix MLFLOW_TRACKING_URI/],
  ];
  for (const [name, closed, fix] of down) {
    it(`with ${name} down: that one fails with a one-line fix, the others still answer, exit 3`, async () => {
      const port = await freePort();
      const result = doctor({ ...ALL_UP, ...closed(port) });
      expect(result.status, result.stdout + result.stderr).toBe(3);
      expect(result.stdout).toMatch(new RegExp(`^ {2}✗ ${name} +\\S+:${port}\\S* does not answer: .+$`, 'm'));
      expect(result.stdout).toMatch(fix);
      expect(result.stdout.match(/^ {2}✓ /gm)).toHaveLength(3);
      expect(result.stderr.trim()).toBe(`electrolake: 1 configured service(s) do not answer: ${name}`);
    });
  }
});
