/**
 * `electrolake publish` to the embedded store through the real command
 * line: the database file is built, publishing twice gives identical
 * tables, and a publish killed half way (SIGKILL, no chance to clean up)
 * leaves the previous file serving. The MongoDB publish tests, on every
 * Mongo-wire server, are in publish-mongo.test.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import { cli, REPO, tempDir } from '../support/cli.ts';
import { killCliAt } from '../support/kill.ts';
import { appFor, buildLake, data, gold, openVariant, publish, testDbName } from '../support/serving.ts';

const dir = tempDir('electrolake-publish-');
const mongoDb = testDbName('publish');

describe('publish to the embedded store', () => {
  const lake = () => join(dir, 'embedded', 'lake');
  const file = () => join(lake(), 'serving', 'gold.duckdb');

  async function tables(path: string): Promise<Record<string, unknown[]>> {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const out: Record<string, unknown[]> = {};
      for (const table of GOLD_TABLES) out[table] = (await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRowObjectsJson();
      return out;
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('builds the database file; twice gives identical tables', async () => {
    const lakeDir = buildLake(join(dir, 'embedded'), { scale: 0.3, seed: 21 });
    expect(lakeDir).toBe(lake());
    const report = publish(lake(), 'embedded');
    for (const table of GOLD_TABLES) {
      expect(report.tables.find((t) => t.table === table)?.rows, table).toBe((await gold(lake(), table)).length);
    }
    const first = await tables(file());
    publish(lake(), 'embedded');
    expect(await tables(file())).toEqual(first);
    expect(readdirSync(join(lake(), 'serving'))).toEqual(['gold.duckdb']);
  });

  it('a publish killed half way leaves the previous file serving; the next publish replaces it', async () => {
    const previous = (await gold(lake(), 'kpis'))[0];
    const store = openVariant('embedded (published file)', lake(), mongoDb);
    try {
      const app = appFor(store, lake());
      expect(await data(app, '/kpis')).toEqual(previous);
      // A new run into the same lake (other sources), then a publish of it killed after its first table.
      const sources = join(dir, 'b', 'sources');
      expect(cli(['generate', '--scale', '0.3', '--seed', '22', '--out', sources]).status).toBe(0);
      const run = cli(['run', '--sources', sources, '--lake', lake(), '--run-date', '2026-01-15']);
      expect(run.status, run.stderr).toBe(0);
      const progress = await killCliAt(['publish', '--lake', lake(), '--store', 'embedded'], /fact_achats: [\d,]+ rows/);
      expect(progress).not.toMatch(/published run/);
      expect(readdirSync(join(lake(), 'serving')).some((n) => n.startsWith('gold.duckdb.tmp-'))).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // past the store's re-check interval
      expect(await data(app, '/kpis')).toEqual(previous);

      publish(lake(), 'embedded');
      expect(readdirSync(join(lake(), 'serving'))).toEqual(['gold.duckdb']); // the killed run's temporary file is gone
      await new Promise((r) => setTimeout(r, 300));
      expect(await data(app, '/kpis')).toEqual((await gold(lake(), 'kpis'))[0]);
      expect(await data(app, '/kpis')).not.toEqual(previous);
    } finally {
      await store.close();
    }
  });

  it('refuses a lake without gold, with one line', () => {
    const result = cli(['publish', '--lake', join(dir, 'nothing'), '--store', 'embedded']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^electrolake: no gold tables in .*nothing: run electrolake run first/m);
    expect(existsSync(join(REPO, 'nothing'))).toBe(false);
  });
});

describe('publish to MongoDB', () => {
  it('fails with one line and exit 3 when MongoDB does not answer', () => {
    const result = cli(['publish', '--lake', join(dir, 'embedded', 'lake'), '--store', 'mongo', '--mongo-uri', 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=500', '--mongo-db', mongoDb]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^electrolake: MongoDB at mongodb:\/\/127\.0\.0\.1:9\/.* did not answer/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
