/**
 * Shapes shared by the buy-till-you-die models. Inputs are *grouped*:
 * customers with the same summary collapse into one row with a weight `n`,
 * so the engine (SQL `GROUP BY`) does the per-customer work and JS only does
 * math on a few thousand to a few hundred thousand groups.
 *
 * Columns are parallel typed arrays (not arrays of objects) because the
 * likelihood loops over them hundreds of times during a fit.
 */

/** Recency/frequency groups: one row per distinct (x, tx, T). */
export interface RfmGroups {
  /** Repeat purchases (purchase periods after the first), integer >= 0. */
  readonly x: Float64Array;
  /** Recency: time of the last purchase since the first one (0 when x = 0). */
  readonly tx: Float64Array;
  /** Age: time from the first purchase to the end of calibration, T >= tx. */
  readonly T: Float64Array;
  /** Number of customers with these values (> 0, may be fractional). */
  readonly n: Float64Array;
}

/** Spend groups of repeat customers: one row per distinct (x, zbar). */
export interface SpendGroups {
  /** Repeat purchases, integer >= 1. */
  readonly x: Float64Array;
  /** Mean spend of those repeat purchases, > 0. */
  readonly zbar: Float64Array;
  /** Number of customers with these values (> 0). */
  readonly n: Float64Array;
}

/**
 * `bg`: BG/NBD (Fader, Hardie & Lee 2005), dropout possible after each repeat
 * purchase. `mbg`: MBG/NBD (Batislam, Denizel & Filiztekin 2007), dropout also
 * possible right after the first purchase, so one-time buyers can be dead.
 */
export type BgNbdVariant = 'bg' | 'mbg';

export interface BgNbdParams {
  readonly variant: BgNbdVariant;
  /** Gamma shape of the purchase rate λ. */
  readonly r: number;
  /** Gamma rate of λ, in the groups' time unit (scales with it). */
  readonly alpha: number;
  /** Beta parameters of the dropout probability p. */
  readonly a: number;
  readonly b: number;
}

export interface GammaGammaParams {
  /** Gamma shape of one transaction's value. */
  readonly p: number;
  /** Gamma shape of the customer's rate ν. */
  readonly q: number;
  /** Gamma rate of ν, in currency units. */
  readonly v: number;
}

/** What a maximum-likelihood fit returns. */
export interface FitResult<P> {
  readonly params: P;
  /** Full log-likelihood at the optimum, summed over customers (weights). */
  readonly logLikelihood: number;
  /** Optimiser iterations (BFGS steps, including line-search halvings). */
  readonly iterations: number;
  /** Customers (sum of weights) and groups the fit saw. */
  readonly customers: number;
  readonly groups: number;
}
