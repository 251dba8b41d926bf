import type { Engine } from '../engines/engine.ts';
import type { Lake, Layer } from '../lake/lake.ts';

/** What every stage receives: where SQL runs, where files live, and this run's identity. */
export interface StageContext {
  engine: Engine;
  lake: Lake;
  runId: string;
  /** Today for the run, as `YYYY-MM-DD`: purchases after it are `future_date`. */
  runDate: string;
  /** Progress for long runs; one line per step. */
  log: (line: string) => void;
}

/** Writes a query to a staged table. */
export async function writeTable(ctx: StageContext, layer: Layer, table: string, sql: string): Promise<void> {
  const write = await ctx.lake.stageWrite(layer, table, ctx.runId, ctx.engine.access);
  await ctx.engine.writeParquet(sql, write.path);
}

/**
 * Writes a query to a staged table, keeps its rows readable under `view` for
 * the next stages (in the engine, not re-read from the file where the
 * engine can), and returns its row count (from the write: no count query).
 */
export async function writeAndKeepTable(ctx: StageContext, layer: Layer, table: string, sql: string, view: string): Promise<number> {
  const write = await ctx.lake.stageWrite(layer, table, ctx.runId, ctx.engine.access);
  return ctx.engine.writeAndKeep(sql, write.path, view);
}

/** Runs a query that returns one row of counts and gives it back as numbers. */
export async function counts<K extends string>(ctx: StageContext, sql: string): Promise<Record<K, number>> {
  const [row] = await ctx.engine.query(sql);
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(row ?? {})) out[key] = Number(value ?? 0);
  return out as Record<K, number>;
}
