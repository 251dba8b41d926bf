import type { Engine } from '../engines/engine.ts';

/**
 * How customers are scored (the "predictor"). A model sees the gold views
 * `fact_achats` and `client_features` and returns SQL that yields one row per
 * client of `client_features`:
 * `id_client, prob_reachat_12m, expected_value_12m, value_at_risk_12m`.
 * It may run queries first (to fit itself on grouped data) and hand the
 * results back to the engine as a small table.
 */
export interface ScoringContext {
  engine: Engine;
  /** `YYYY-MM-DD`: history up to and including this day is known. */
  asOf: string;
}

export interface ScoringModel {
  readonly name: string;
  scoresSql(ctx: ScoringContext): Promise<string>;
}
