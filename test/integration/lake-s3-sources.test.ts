/**
 * The sources of an S3 lake: where a table is read is a typed location (an
 * `s3a` URI for Spark, a local copy for DuckDB), the run's manifest names the
 * sources bucket it read, and a bad source file stops a run with one line on
 * either engine (Spark reads the sources from S3 itself, the checks read the
 * lake's local copy). Real MinIO and Spark Connect; buckets of its own.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLake } from '../../src/lake/open.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../../src/pipeline/manifest.ts';
import { cli, tempDir } from '../support/cli.ts';
import { S3_CLIENT_CONFIG } from '../support/services.ts';
import { emptyBucket, expectOneLineError, s3TestEnv } from './lake-s3-support.ts';

const id = randomBytes(3).toString('hex');
const dir = tempDir('electrolake-s3-sources-');
const ENV = s3TestEnv(join(dir, 'cache'));
Object.assign(process.env, ENV);
const LAKE = `s3://el-${id}-{layer}`;
const SOURCES_BUCKET = `el-${id}-sources`;
const sources = join(dir, 'sources');
const s3 = new S3Client(S3_CLIENT_CONFIG);

function run(args: string[]) {
  return cli(args, { env: ENV });
}

beforeAll(() => {
  const generated = run(['generate', '--scale', '0.02', '--seed', '3', '--out', sources]);
  expect(generated.status, generated.stderr).toBe(0);
  const init = run(['lake', 'init', '--lake', LAKE, '--sources', sources]);
  expect(init.status, init.stderr).toBe(0);
});

afterAll(async () => {
  for (const layer of ['sources', 'bronze', 'silver', 'gold']) await emptyBucket(s3, `el-${id}-${layer}`, true).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('sources of an S3 lake', () => {
  it('are read at a typed location: an s3a URI for an engine that reads S3, else a local copy', async () => {
    const lake = await openLake({ lake: LAKE });
    expect(lake.sources).toBe(`s3://${SOURCES_BUCKET}/`);
    expect(await lake.resolveRead('sources', 'clients.csv', ['s3a'])).toEqual({ access: 's3a', path: `s3a://${SOURCES_BUCKET}/clients.csv` });
    const local = await lake.resolveRead('sources', 'clients.csv', ['local']);
    expect(local.access).toBe('local');
    expect(existsSync(local.path)).toBe(true);
    expect(readFileSync(local.path, 'utf8')).toBe(readFileSync(join(sources, 'clients.csv'), 'utf8'));
  });

  it("the run's manifest names the sources bucket it read, not the local --sources default", async () => {
    const result = run(['run', '--lake', LAKE, '--run-date', '2026-01-15']);
    expect(result.status, result.stderr).toBe(0);
    const manifest = await (await openLake({ lake: LAKE })).readJson<RunManifest>(LATEST_RUN_KEY);
    expect(manifest?.sources).toBe(`s3://${SOURCES_BUCKET}/`);
    expect(manifest?.status).toBe('succeeded');
  });

  it('a source with the wrong separator stops the run with one line, on DuckDB and on Spark (which reads S3 itself)', () => {
    const bad = join(dir, 'bad-sources');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'clients.csv'), readFileSync(join(sources, 'clients.csv'), 'utf8').replaceAll(',', ';'));
    writeFileSync(join(bad, 'achats.csv'), readFileSync(join(sources, 'achats.csv')));
    expect(run(['lake', 'init', '--lake', LAKE, '--sources', bad]).status).toBe(0);
    for (const engine of ['duckdb', 'spark']) {
      expectOneLineError(run(['run', '--engine', engine, '--lake', LAKE]), /wrong separator in .*clients\.csv: found ';', expected ','/, 2);
    }
  });
});
