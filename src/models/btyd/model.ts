import { AppError, isAppError } from '../../core/errors.ts';
import type { BgNbdVariant } from './index.ts';
import { fitAndScoreGroups } from './fit-and-score.ts';
import { btydScoresSql, btydTables, clientSummarySql, rfmGroupsSql, spendGroupsSql } from './sql.ts';
import { heuristicModel } from '../heuristic.ts';
import type { Scoring, ScoringContext, ScoringModel } from '../../pipeline/scoring.ts';
import { nonBuyerRatesSql } from '../non-buyers.ts';
import { timed } from '../../core/stopwatch.ts';
import { dateLiteral } from '../../engines/dialect.ts';

/**
 * Reasons the BTYD library gives when a history cannot identify the model
 * (docs/models.md, "Errors and fallbacks"). On these the clients are scored
 * by the heuristic instead, and the `model` column says so. Any other
 * BAD_INPUT (an invalid group) would be a bug in our SQL, and fails.
 */
const FALLBACK_REASONS = new Set(['empty', 'no_repeat_buyers', 'single_profile', 'no_interior_maximum', 'infinite_mean']);

/**
 * MBG/NBD for purchase counts with Gamma-Gamma for spend (the `btyd`
 * predictor). The engine summarises clients and groups them in SQL; the
 * fit and the scores of each group run here in JS; the group scores go back
 * to the engine (`loadRows`) and are joined to clients on the group keys.
 * Each scoring says what it fitted, or which model it fell back to.
 */
export class BtydModel implements ScoringModel {
  readonly name = 'btyd';

  /** `variant`: MBG/NBD by default (docs/models.md); BG/NBD for comparisons. */
  constructor(private readonly options: { variant?: BgNbdVariant } = {}) {}

  async scoresSql(ctx: ScoringContext): Promise<Scoring> {
    const { engine, asOf } = ctx;
    const d = engine.dialect;
    const tables = btydTables(asOf);
    const asOfSql = dateLiteral(d, asOf);
    const seconds: Record<string, number> = {};
    const time = async <T>(step: string, action: () => Promise<T>): Promise<T> => {
      const took = await timed(action);
      seconds[`seconds_${step}`] = took.seconds;
      return took.result;
    };

    await time('summary_sql', async () => {
      await engine.materialize(tables.clients, clientSummarySql(d, asOfSql));
      await engine.materialize(tables.nonBuyers, nonBuyerRatesSql(d, asOfSql));
    });
    const [rfmRows, spendRows] = await time('groups_query', async () => [
      await engine.query(rfmGroupsSql(tables.clients)),
      await engine.query(spendGroupsSql(tables.clients)),
    ]);
    let scores: ReturnType<typeof fitAndScoreGroups>;
    try {
      scores = fitAndScoreGroups(rfmRows, spendRows, this.options.variant);
    } catch (error) {
      const reason = isAppError(error) && error.code === 'BAD_INPUT' ? String(error.details?.['reason'] ?? '') : '';
      if (!FALLBACK_REASONS.has(reason)) {
        throw isAppError(error) ? new AppError('INTERNAL', `btyd: ${error.message}`, { cause: error }) : error;
      }
      const fallback = { reason, message: (error as AppError).message };
      const heuristic = await heuristicModel.scoresSql(ctx);
      return {
        sql: heuristic.sql,
        label: `${heuristic.label} (btyd fallback: ${reason})`,
        fit: { scoredBy: heuristic.label, params: heuristic.fit.params, metrics: { ...seconds, bgnbd_groups: rfmRows.length }, fallback },
      };
    }
    await time('load_rows', async () => {
      await engine.loadRows(tables.rfm, scores.rfm);
      await engine.loadRows(tables.spend, scores.spend);
    });
    return {
      sql: btydScoresSql(tables, scores.populationSpend),
      label: this.name,
      fit: {
        scoredBy: this.name,
        params: { ...scores.params, population_spend: scores.populationSpend },
        metrics: { ...seconds, ...scores.metrics },
      },
    };
  }
}
