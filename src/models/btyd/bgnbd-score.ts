import { dropoutShift } from './bgnbd-likelihood.ts';
import { hyp2f1 } from './special.ts';
import type { BgNbdParams, RfmGroups } from './types.ts';
import { badInput, validateParams, validateRfmGroups } from './validate.ts';

/**
 * Closed-form conditional outputs of BG/NBD and MBG/NBD for a customer with
 * history (x, tx, T), over the next `horizon` time units (same unit as the
 * fit). With s = 0, δ = [x > 0] (BG) or s = 1, δ = 1 (MBG), e = r + x:
 *
 *   P(alive)   = 1 / (1 + δ · a/(b+x+s-1) · ((α+T)/(α+tx))^e)
 *   P(X(t)>0)  = P(alive) · (1 − ((α+T)/(α+T+t))^e)
 *   E[X(t)]    = P(alive) · (a+b+x+s-1)/(a-1)
 *                · (1 − ((α+T)/(α+T+t))^e · 2F1(e, b+x+s; a+b+x+s-1; t/(α+T+t)))
 *
 * The last two follow from the posterior of an alive customer: λ ~ Γ(e, α+T)
 * and p ~ Beta(a, b+x+s), independent; a dead customer buys nothing. For BG
 * and x = 0, P(alive) = 1: nobody drops out before a repeat purchase.
 * E[X(t)] is FHL 2005 eq. 10; for a < 1 it is the analytic continuation (the
 * quantity itself stays finite), and at a = 1 a removable singularity.
 *
 * As written, ((α+T)/(α+T+t))^e · 2F1(e, …) multiplies a tiny power by a 2F1
 * that overflows for large x (x = 300, T = 0: 2F1 = ∞). Euler's transformation
 * 2F1(A, B; C; z) = (1−z)^(C−A−B) · 2F1(C−A, C−B; C; z) with z = t/(α+T+t)
 * turns the product into (1−z)^(a−1) · 2F1(a+b+s−1−r, a−1; c; z), c = a+b+x+s−1,
 * whose upper parameters do not grow with x: no overflow, fast convergence.
 */
export interface BgNbdScore {
  readonly pAlive: number;
  /** E[X(t) | x, tx, T]: expected purchases in the horizon. */
  readonly expectedPurchases: number;
  /** P(X(t) = 0 | x, tx, T): no purchase in the horizon. */
  readonly probNoPurchase: number;
  /** 1 − probNoPurchase, computed without cancellation. */
  readonly probPurchase: number;
}

export interface BgNbdScores {
  readonly pAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly probNoPurchase: Float64Array;
  readonly probPurchase: Float64Array;
}

/** Below this distance from a = 1 the E[X(t)] formula is evaluated on both sides and averaged. */
const NEAR_ONE = 1e-7;
const STEP = 1e-5;

/** Scores one customer profile. */
export function bgnbdScore(params: BgNbdParams, customer: { x: number; tx: number; T: number }, horizon: number): BgNbdScore {
  const { x, tx, T } = customer;
  checkInputs(params, horizon);
  validateRfmGroups({ x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T), n: Float64Array.of(1) });
  return scoreOne(params, x, tx, T, horizon);
}

function checkInputs(params: BgNbdParams, horizon: number): void {
  validateParams('BG/NBD', { r: params.r, alpha: params.alpha, a: params.a, b: params.b });
  if (!Number.isFinite(horizon) || horizon < 0) throw badInput('BG/NBD: horizon must be a finite number >= 0', { horizon });
}

function scoreOne(params: BgNbdParams, x: number, tx: number, T: number, horizon: number): BgNbdScore {
  const { r, alpha, a, b } = params;
  const s = dropoutShift(params.variant);
  const e = r + x;
  const logRatio = Math.log(alpha + T) - Math.log(alpha + tx);
  const hasDropoutTerm = s === 1 || x > 0;
  const pAlive = hasDropoutTerm ? 1 / (1 + Math.exp(Math.log(a) - Math.log(b + x + s - 1) + e * logRatio)) : 1;
  // ((α+T)/(α+T+t))^e = exp(−e · log1p(t/(α+T))), kept in log form for precision.
  const logStay = -e * Math.log1p(horizon / (alpha + T));
  const probPurchase = pAlive * -Math.expm1(logStay);
  const z = horizon / (alpha + T + horizon);
  const expectedAlive =
    Math.abs(a - 1) < NEAR_ONE
      ? (aliveExpectation(a - STEP, b + x + s, e, z) + aliveExpectation(a + STEP, b + x + s, e, z)) / 2
      : aliveExpectation(a, b + x + s, e, z);
  // Math.max: a zero horizon gives −0, and rounding can dip a hair below 0.
  const expectedPurchases = Math.max(0, pAlive * expectedAlive);
  if (!Number.isFinite(expectedPurchases) || !Number.isFinite(probPurchase)) {
    throw badInput('BG/NBD score is not finite for these parameters', { params, x, tx, T, horizon });
  }
  return { pAlive, expectedPurchases, probNoPurchase: 1 - probPurchase, probPurchase };
}

/**
 * E[(1 − e^{−λpt})/p] for λ ~ Γ(e, α+T), p ~ Beta(a, bPost): the purchases of
 * a customer alive at T, in the Euler-transformed form (see above).
 */
function aliveExpectation(a: number, bPost: number, e: number, z: number): number {
  const c = a + bPost - 1;
  const product = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(c - e, a - 1, c, z);
  return (c / (a - 1)) * (1 - product);
}

/** Scores every group; outputs are parallel to the groups' columns. */
export function scoreBgNbd(params: BgNbdParams, groups: RfmGroups, horizon: number): BgNbdScores {
  checkInputs(params, horizon);
  const count = validateRfmGroups(groups);
  const out: BgNbdScores = {
    pAlive: new Float64Array(count),
    expectedPurchases: new Float64Array(count),
    probNoPurchase: new Float64Array(count),
    probPurchase: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const score = scoreOne(params, groups.x[i] as number, groups.tx[i] as number, groups.T[i] as number, horizon);
    out.pAlive[i] = score.pAlive;
    out.expectedPurchases[i] = score.expectedPurchases;
    out.probNoPurchase[i] = score.probNoPurchase;
    out.probPurchase[i] = score.probPurchase;
  }
  return out;
}
