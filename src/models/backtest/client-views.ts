import type { Engine } from '../../engines/engine.ts';
import type { Lake } from '../../lake/lake.ts';
import { clientFeatures, dimClients, factAchats } from '../../pipeline/gold/clients.ts';
import type { GoldInputs } from '../../pipeline/gold/table.ts';
import { dateLiteral } from '../../engines/dialect.ts';

/** Makes the lake's silver tables readable as `silver_clients` and `silver_achats`, as the gold SQL expects. */
export async function registerSilver(engine: Engine, lake: Lake): Promise<void> {
  for (const name of ['clients', 'achats']) {
    await engine.registerView(`silver_${name}`, { format: 'parquet', path: (await lake.resolveRead('silver', name, engine.access)).path });
  }
}

/**
 * `fact_achats`, `dim_clients` and `client_features` as they would have been
 * on `asOf`, built by the pipeline's own gold SQL and kept in the engine
 * (nothing is written to the lake): what a model sees when it scores.
 */
export async function buildClientViews(engine: Engine, asOf: string): Promise<void> {
  const inputs = goldInputsAt(engine, asOf);
  for (const table of [factAchats, dimClients, clientFeatures]) await engine.materialize(table.name, table.sql(inputs));
}

/** The gold SQL's inputs for history up to `asOf` (`YYYY-MM-DD`), with no period filter. */
export function goldInputsAt(engine: Engine, asOf: string): GoldInputs {
  return { d: engine.dialect, asOf: dateLiteral(engine.dialect, asOf), firstDay: null, lastDay: null };
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
