/**
 * The Spark engine against a real Spark Connect server (scripts/services/
 * spark.sh, or SPARK_REMOTE). Nothing is mocked or skipped: without a server
 * every test fails and says how to start one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkRemote } from '../../src/core/config.ts';
import { AppError } from '../../src/core/errors.ts';
import { SparkConnectClient } from '../../src/engines/spark/connect/client.ts';
import { createSparkEngine, type SparkEngine } from '../../src/engines/spark/engine.ts';
import { describeDialect } from '../support/dialect-suite.ts';

const REMOTE = sparkRemote();
let engine: SparkEngine | undefined;
/** Why there is no engine: every test fails with it (a failed beforeAll would only mark them skipped). */
let unreachable: Error | undefined;
let dir = '';

/** The engine, or a failure that says how to get a server. */
function spark(): SparkEngine {
  if (unreachable) throw unreachable;
  if (!engine) throw new Error('no Spark engine');
  return engine;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electrolake-spark-'));
  try {
    engine = await createSparkEngine({ remote: REMOTE });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    unreachable = new Error(`Spark Connect is not reachable at ${REMOTE}: ${reason}\n  run: bash scripts/services/spark.sh start`, {
      cause: error,
    });
  }
});

afterAll(async () => {
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Evaluates one SQL expression on Spark. */
async function value(expression: string): Promise<unknown> {
  const [row] = await spark().query(`SELECT ${expression} AS v`);
  return row?.['v'];
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('Spark engine: values', () => {
  it('normalises types the way the Engine interface says', async () => {
    const rows = await spark().query(`
      SELECT DATE'2021-01-03' AS d,
             TIMESTAMP'2021-01-03 04:05:06.789' AS ts,
             CAST(123.45 AS DECIMAL(10, 2)) AS dec,
             CAST(-0.05 AS DECIMAL(38, 18)) AS neg_dec,
             CAST(-12345678901234.25 AS DECIMAL(38, 4)) AS big_dec,
             5000000000L AS int64,
             9007199254740993L AS beyond_2_53,
             CAST(7 AS INT) AS int32,
             1.5D AS dbl,
             true AS flag,
             'é,"x"' AS text,
             CAST(NULL AS STRING) AS null_text,
             CAST(NULL AS DATE) AS null_date,
             CAST(NULL AS DECIMAL(10, 2)) AS null_dec,
             CAST(NULL AS BIGINT) AS null_int64`);
    expect(rows).toEqual([
      {
        d: '2021-01-03',
        ts: '2021-01-03T04:05:06.789Z',
        dec: 123.45,
        neg_dec: -0.05,
        big_dec: -12345678901234.25,
        int64: 5_000_000_000,
        beyond_2_53: 9007199254740993n,
        int32: 7,
        dbl: 1.5,
        flag: true,
        text: 'é,"x"',
        null_text: null,
        null_date: null,
        null_dec: null,
        null_int64: null,
      },
    ]);
  });

  it('accepts standard double-quoted identifiers such as "date"', async () => {
    expect(await spark().query(`SELECT "date" FROM (SELECT DATE'2021-01-03' AS "date")`)).toEqual([
      { date: '2021-01-03' },
    ]);
  });

  it('streams a large result in several Arrow batches', async () => {
    const client = new SparkConnectClient(REMOTE);
    try {
      let batches = 0;
      let rows = 0;
      let sum = 0n;
      for await (const batch of client.queryBatches('SELECT id FROM range(3000000)')) {
        batches += 1;
        rows += batch.numRows;
        for (const id of batch.getChild('id') ?? []) sum += id as bigint;
      }
      expect(rows).toBe(3_000_000);
      expect(sum).toBe((2_999_999n * 3_000_000n) / 2n);
      expect(batches).toBeGreaterThan(1);
    } finally {
      await client.close();
    }
    const rows = await spark().query('SELECT id FROM range(3000000)');
    expect(rows).toHaveLength(3_000_000);
    expect(rows[2_999_999]).toEqual({ id: 2_999_999 });
  });

  it('reports its version', async () => {
    expect(await spark().version()).toMatch(/^spark \d+\.\d+\.\d+/);
  });
});

describe('Spark engine: errors', () => {
  it('turns a SQL error into one clear ENGINE line', async () => {
    const error = await rejection(spark().query('SELECT no_such_column FROM range(1)'));
    expect(error.code).toBe('ENGINE');
    expect(error.message).toMatch(/^Spark: \[UNRESOLVED_COLUMN\.WITH_SUGGESTION\] .*`no_such_column`/);
    expect(error.message).not.toContain('\n');
    expect(error.details?.['sqlState']).toBe('42703');
  });

  it('reports an ANSI cast failure (use try_cast) as ENGINE', async () => {
    const error = await rejection(spark().query(`SELECT CAST('abc' AS INT) AS v`));
    expect(error.code).toBe('ENGINE');
    expect(error.message).toMatch(/^Spark: \[CAST_INVALID_INPUT\]/);
    expect(await value(`try_cast('abc' AS INT)`)).toBeNull();
  });

  it('keeps the session usable after an error', async () => {
    await rejection(spark().query('SELEC 1'));
    expect(await value('1 + 1')).toBe(2);
  });

  it('says UNAVAILABLE, with the address, when nothing listens', async () => {
    const port = await freePort();
    const error = await rejection(createSparkEngine({ remote: `sc://127.0.0.1:${port}` }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(new RegExp(`^Spark Connect unreachable at sc://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    expect(error.message).not.toContain('\n');
  });
});

describe('Spark engine: files', () => {
  it('writes Parquet with its own writer and reads it back as a view, overwriting', async () => {
    const target = join(dir, 'numbers.parquet');
    await spark().writeParquet(
      `SELECT id, CAST(id AS STRING) AS label, date_add(DATE'2021-01-01', CAST(id AS INT)) AS day,
              CAST(id AS DECIMAL(10, 2)) / 4 AS quarter FROM range(10)`,
      target,
    );
    await spark().registerView('numbers', { format: 'parquet', path: target });
    const rows = await spark().query('SELECT * FROM numbers ORDER BY id');
    expect(rows).toHaveLength(10);
    expect(rows[9]).toEqual({ id: 9, label: '9', day: '2021-01-10', quarter: 2.25 });

    expect(await spark().describe('numbers')).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'label', type: 'string' },
      { name: 'day', type: 'date' },
      { name: 'quarter', type: 'double' },
    ]);

    // mode overwrite: a second write replaces the directory.
    await spark().writeParquet('SELECT id FROM range(3)', target);
    await spark().registerView('numbers', { format: 'parquet', path: target });
    expect(await spark().query('SELECT count(*) AS n FROM numbers')).toEqual([{ n: 3 }]);
  });

  it('reads a CSV as raw strings, RFC 4180 quoting, rows numbered in file order', async () => {
    const file = join(dir, 'clients.csv');
    await writeFile(file, 'id_client,nom,montant\n3,"Dupont, Jean","12,50"\n1,,"a ""b"""\n2, x ,"two\nlines"\n');
    await spark().registerView('raw_clients', { format: 'csv', path: file });
    const d = spark().dialect;
    const rows = await spark().query(`SELECT *, ${d.fileRowNumber()} AS _source_row FROM raw_clients`);
    expect(rows).toEqual([
      { id_client: '3', nom: 'Dupont, Jean', montant: '12,50', _source_row: 1 },
      { id_client: '1', nom: null, montant: 'a "b"', _source_row: 2 },
      { id_client: '2', nom: ' x ', montant: 'two\nlines', _source_row: 3 },
    ]);
  });

  it('materializes a result once: random, uuid and clock columns do not change', async () => {
    await spark().materialize('rolled', 'SELECT id, rand() AS r, uuid() AS u, current_timestamp() AS t FROM range(100)');
    const first = await spark().query('SELECT sum(r) AS s, min(u) AS u, max(t) AS t FROM rolled');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await spark().query('SELECT sum(r) AS s, min(u) AS u, max(t) AS t FROM rolled');
    expect(second).toEqual(first);
    await spark().materialize('rolled', 'SELECT id FROM range(5)');
    expect(await spark().query('SELECT count(*) AS n FROM rolled')).toEqual([{ n: 5 }]);
  });

  it('releases a materialized result: the name is gone, releasing twice is harmless', async () => {
    await spark().materialize('kept', 'SELECT id FROM range(3)');
    await spark().release('kept');
    const error = await rejection(spark().query('SELECT count(*) AS n FROM kept'));
    expect(error.message).toMatch(/TABLE_OR_VIEW_NOT_FOUND/);
    await spark().release('kept');
  });
});

// The dialect cases both engines share (test/support/dialect-suite.ts), here on a real Spark server.
describeDialect('Spark', spark);

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
