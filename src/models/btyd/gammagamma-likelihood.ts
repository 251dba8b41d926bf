import { indexByX } from './prepared.ts';
import type { ByX } from './prepared.ts';
import { digamma, gammaln } from './special.ts';
import type { GammaGammaParams, SpendGroups } from './types.ts';

/**
 * Log-likelihood of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005,
 * "RFM and CLV", Colombo & Jiang 1999) on grouped (x, zbar, n). A customer's
 * transactions are Γ(p, ν) with ν ~ Γ(q, v); the mean zbar of x of them has
 * density
 *
 *   f(zbar | x) = Γ(px+q) / (Γ(px) Γ(q)) · v^q · zbar^(px-1) · x^(px) / (v + x·zbar)^(px+q)
 *
 * Only ln(v + x·zbar) needs a pass over the groups; the rest depends on x and
 * on Σ n·ln zbar per x, which is computed once.
 */
export interface PreparedSpend {
  readonly groups: SpendGroups;
  readonly byX: ByX;
  /** Σ n·ln zbar over the groups of each distinct x. */
  readonly sumLogZbar: Float64Array;
}

export function prepareSpend(groups: SpendGroups): PreparedSpend {
  const byX = indexByX(groups.x, groups.n);
  const sumLogZbar = new Float64Array(byX.xs.length);
  for (let i = 0; i < groups.x.length; i++) {
    const j = byX.xIndex[i] as number;
    sumLogZbar[j] = (sumLogZbar[j] as number) + (groups.n[i] as number) * Math.log(groups.zbar[i] as number);
  }
  return { groups, byX, sumLogZbar };
}

/** Sum of n · ln f(zbar | x); writes ∂LL/∂(p, q, v) into `gradient` when given. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, prepared: PreparedSpend, gradient?: number[]): number {
  const { p, q, v } = params;
  const { groups, byX, sumLogZbar } = prepared;
  const { xs, xIndex, weightOfX, totalWeight } = byX;
  const logV = Math.log(v);
  const psiQ = digamma(q);
  let ll = 0;
  let dp = 0;
  let dq = 0;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j] as number;
    const w = weightOfX[j] as number;
    const px = p * x;
    const logX = Math.log(x);
    ll += w * (gammaln(px + q) - gammaln(px) - gammaln(q) + q * logV + px * logX) + (px - 1) * (sumLogZbar[j] as number);
    if (gradient) {
      const psiPxQ = digamma(px + q);
      dp += x * (w * (psiPxQ - digamma(px) + logX) + (sumLogZbar[j] as number));
      dq += w * (psiPxQ - psiQ + logV);
    }
  }
  let dv = 0;
  for (let i = 0; i < xIndex.length; i++) {
    const x = groups.x[i] as number;
    const n = groups.n[i] as number;
    const denominator = v + x * (groups.zbar[i] as number);
    const logDenominator = Math.log(denominator);
    const shape = p * x + q;
    ll -= n * shape * logDenominator;
    if (gradient) {
      dp -= n * x * logDenominator;
      dq -= n * logDenominator;
      dv -= (n * shape) / denominator;
    }
  }
  if (gradient) {
    gradient[0] = dp;
    gradient[1] = dq;
    gradient[2] = dv + (q * totalWeight) / v;
  }
  return ll;
}
