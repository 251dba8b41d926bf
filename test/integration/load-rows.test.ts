/**
 * Engine.loadRows on both engines: rows computed in JS (model scores) become
 * a table SQL can join. Spark runs against the real Spark Connect server
 * (scripts/services/spark.sh, or SPARK_REMOTE); nothing is mocked or skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkRemote } from '../../src/core/config.ts';
import { AppError } from '../../src/core/errors.ts';
import type { ColumnData, Engine } from '../../src/engines/engine.ts';
import { openEngine } from '../../src/engines/registry.ts';

const SAMPLE: ColumnData[] = [
  { name: 'x', type: 'integer', values: Float64Array.of(0, 1, 2, 9_007_199_254_740_991) },
  { name: 'p', type: 'double', values: [0.25, 1e-300, null, -3.5] },
  { name: 'label', type: 'string', values: ['a', 'é"\'', null, ''] },
];

for (const name of ['duckdb', 'spark'] as const) {
  describe(`${name}: loadRows`, () => {
    let engine: Engine | undefined;
    const db = (): Engine => {
      if (!engine) throw new Error(`no ${name} engine (see the first failure)`);
      return engine;
    };

    beforeAll(async () => {
      try {
        engine = await openEngine(name);
      } catch (error) {
        throw new Error(`${name} is not available (${name === 'spark' ? `${sparkRemote()}; run: bash scripts/services/spark.sh start` : ''}): ${String(error)}`, { cause: error });
      }
    });
    afterAll(async () => engine?.close());

    it('loads integers, doubles, strings and nulls that SQL reads back as given', async () => {
      await db().loadRows('loaded', SAMPLE);
      const rows = await db().query('SELECT x, p, label FROM loaded ORDER BY x');
      expect(rows).toEqual([
        { x: 0, p: 0.25, label: 'a' },
        { x: 1, p: 1e-300, label: 'é"\'' },
        { x: 2, p: null, label: null },
        { x: 9_007_199_254_740_991, p: -3.5, label: '' },
      ]);
      expect(await db().describe('loaded')).toEqual([
        { name: 'x', type: 'integer' },
        { name: 'p', type: 'double' },
        { name: 'label', type: 'string' },
      ]);
    });

    it('joins with SQL tables on integer keys and replaces a previous load', async () => {
      await db().materialize('keys', 'SELECT * FROM (VALUES (1), (2), (3)) AS t(x)');
      await db().loadRows('scores', [
        { name: 'x', type: 'integer', values: [1, 2] },
        { name: 's', type: 'double', values: [0.5, 0.75] },
      ]);
      await db().loadRows('scores', [
        { name: 'x', type: 'integer', values: [2, 3] },
        { name: 's', type: 'double', values: [0.1, 0.2] },
      ]);
      const rows = await db().query('SELECT k.x, s.s FROM keys k LEFT JOIN scores s ON s.x = k.x ORDER BY k.x');
      expect(rows).toEqual([{ x: 1, s: null }, { x: 2, s: 0.1 }, { x: 3, s: 0.2 }]);
    });

    it('loads an empty table with its columns', async () => {
      await db().loadRows('empty', [
        { name: 'x', type: 'integer', values: [] },
        { name: 's', type: 'double', values: new Float64Array(0) },
      ]);
      expect(await db().query('SELECT count(*) AS n FROM empty')).toEqual([{ n: 0 }]);
      expect((await db().describe('empty')).map((c) => c.name)).toEqual(['x', 's']);
    });

    it('loads a million rows (several parts on Spark) without losing one', async () => {
      const n = 1_100_000;
      const x = new Float64Array(n).map((_, i) => i);
      const s = new Float64Array(n).map((_, i) => i / 2);
      await db().loadRows('big', [
        { name: 'x', type: 'integer', values: x },
        { name: 's', type: 'double', values: s },
      ]);
      const [row] = await db().query('SELECT count(*) AS n, sum(x) AS sx, sum(s) AS ss, count(DISTINCT x) AS d FROM big');
      expect(row).toEqual({ n, sx: (n * (n - 1)) / 2, ss: (n * (n - 1)) / 4, d: n });
    });

    it('refuses NaN, a non-integer in an integer column and ragged columns, naming the column', async () => {
      const attempt = (columns: ColumnData[]) => db().loadRows('bad', columns).then(() => undefined, (e: unknown) => e);
      const nan = await attempt([{ name: 'p', type: 'double', values: [0.5, Number.NaN] }]);
      expect(nan).toBeInstanceOf(AppError);
      expect((nan as AppError).message).toMatch(/column p, row 1: NaN is not of type double/);
      const fraction = await attempt([{ name: 'x', type: 'integer', values: [1.5] }]);
      expect((fraction as AppError).message).toMatch(/column x, row 0: 1.5 is not of type integer/);
      const ragged = await attempt([
        { name: 'x', type: 'integer', values: [1, 2] },
        { name: 'p', type: 'double', values: [0.5] },
      ]);
      expect((ragged as AppError).message).toMatch(/column p has 1 values, expected 2/);
    });
  });
}
