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

/** What a model fitted for one scoring: for tracking runs and the manifest. */
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

/** One scoring: the SQL of the scores, what was fitted, and what to call it. */
export interface Scoring {
  /** One row per client of `client_features` (see above). */
  readonly sql: string;
  /**
   * The value of the `model` column and the manifest's `model`: the model's
   * name, or what really scored when it had to fall back (e.g. `heuristic
   * (btyd fallback: no_repeat_buyers)`).
   */
  readonly label: string;
  readonly fit: ModelFit;
}

export interface ScoringModel {
  /** The model asked for (`heuristic`, `btyd`); what scored is the Scoring's `label`. */
  readonly name: string;
  scoresSql(ctx: ScoringContext): Promise<Scoring>;
}
