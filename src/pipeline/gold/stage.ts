import { AppError } from '../../core/errors.ts';
import type { ScoringModel } from '../scoring.ts';
import { writeAndKeepTable, type StageContext } from '../context.ts';
import { callList } from './call-list.ts';
import { clientFeatures, dimClients, factAchats } from './clients.ts';
import { caCountry, caMonthly, caProduct, cohortFirstPurchase, daily, distribution, monthlyGrowth, weekly } from './sales.ts';
import { clientScores, kpis, segmentSummary } from './scores.ts';
import type { GoldInputs, GoldTable } from './table.ts';
import { dateLiteral } from '../../engines/dialect.ts';

export interface GoldResult {
  asOf: string;
  tables: Record<string, number>;
  /** What scored the clients (the `model` column): the model, or the one it fell back to. */
  model: string;
}

/**
 * Gold: facts, client features, scores and sales aggregates from silver.
 * `as_of` defaults to the latest valid purchase (docs/contract/dates.md).
 */
export async function runGold(ctx: StageContext, model: ScoringModel, asOfOption?: string): Promise<GoldResult> {
  const { engine } = ctx;
  const range = await engine.query('SELECT min(date_achat) AS first_day, max(date_achat) AS last_day FROM silver_achats');
  const firstDay = (range[0]?.['first_day'] as string | null) ?? null;
  const lastDay = (range[0]?.['last_day'] as string | null) ?? null;
  const asOf = asOfOption ?? lastDay;
  if (asOf === null) throw new AppError('BAD_INPUT', 'no valid purchase in the sources: cannot choose as_of (give --as-of YYYY-MM-DD)');
  const inputs: GoldInputs = { d: engine.dialect, asOf: dateLiteral(engine.dialect, asOf), firstDay, lastDay };
  const tables: Record<string, number> = {};

  const build = async (table: GoldTable): Promise<void> => {
    tables[table.name] = await writeAndKeepTable(ctx, 'gold', table.name, table.sql(inputs), table.name);
    ctx.log(`gold    ${table.name}: ${tables[table.name]?.toLocaleString('en')} rows`);
  };

  for (const table of [factAchats, dimClients, clientFeatures]) await build(table);
  const scoring = await model.scoresSql({ engine, asOf });
  await engine.materialize('model_scores', scoring.sql);
  await build(clientScores(scoring.label));
  await engine.release('model_scores');
  for (const table of [segmentSummary, kpis, callList]) await build(table);
  for (const table of [caMonthly, caCountry, caProduct, daily, weekly, monthlyGrowth, distribution, cohortFirstPurchase]) {
    await build(table);
  }
  return { asOf, tables, model: scoring.label };
}
