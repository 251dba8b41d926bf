import type { Engine } from '../engines/engine.ts';

/**
 * How customers are scored (the "predictor"). A model sees the gold views
 * `fact_achats`, `dim_clients` and `client_features` and returns SQL that
 * yields one row per client of `client_features`:
 * `id_client, prob_reachat_12m, expected_value_12m, value_at_risk_12m`.
 * It may run queries first (to fit itself on grouped data) and hand the
 * results back to the engine as small tables (`Engine.loadRows`).
 */
export interface ScoringContext {
  engine: Engine;
  /** `YYYY-MM-DD`: history up to and including this day is known. */
  asOf: string;
}

/** What a model did in its last `scoresSql`: for tracking runs and the manifest. */
export interface ModelFit {
  /** The model whose formulas scored the clients: the model itself, or the one it fell back to. */
  readonly scoredBy: string;
  /** Fitted (or fixed) parameters, JSON-serialisable. */
  readonly params: Readonly<Record<string, number | string>>;
  /** Fit statistics: log-likelihood, iterations, groups, customers, seconds per step. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Set when the model could not be fitted on this history and another one scored instead. */
  readonly fallback?: { readonly reason: string; readonly message: string };
}

export interface ScoringModel {
  /**
   * The value of the `model` column. Read after `scoresSql`, so a model that
   * had to fall back names what really scored (e.g. `heuristic (btyd
   * fallback: no_repeat_buyers)`).
   */
  readonly name: string;
  scoresSql(ctx: ScoringContext): Promise<string>;
  /** What the last `scoresSql` fitted, or undefined before the first one. */
  fitted(): ModelFit | undefined;
}
