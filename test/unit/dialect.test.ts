/**
 * The DuckDB dialect helpers on tricky inputs (the shared cases of
 * test/support/dialect-suite.ts; the Spark dialect runs the same cases in
 * test/integration/spark-connect.test.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import { describeDialect } from '../support/dialect-suite.ts';

let engine: DuckDbEngine | undefined;

beforeAll(async () => {
  engine = await DuckDbEngine.create();
});

afterAll(async () => {
  await engine?.close();
});

describeDialect('DuckDB', () => {
  if (!engine) throw new Error('DuckDB did not open');
  return engine;
});
