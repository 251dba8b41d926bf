import { digamma, gammaln } from './special.ts';
import type { ByX } from './prepared.ts';
import type { BgNbdParams, BgNbdVariant, RfmGroups } from './types.ts';

/**
 * Log-likelihood of BG/NBD and MBG/NBD on grouped (x, tx, T, n), with its
 * gradient. One customer's likelihood is (Fader, Hardie & Lee 2005, eq. 6;
 * Batislam et al. 2007 for MBG):
 *
 *   L = Γ(r+x) α^r / Γ(r) · B(a, b+x+s) / B(a, b)
 *       · [ (α+T)^-(r+x) + δ · a/(b+x+s-1) · (α+tx)^-(r+x) ]
 *
 * with s = 0, δ = [x > 0] for BG/NBD (no dropout before the first repeat
 * purchase) and s = 1, δ = 1 for MBG/NBD (dropout possible right after the
 * first purchase). The two bracket terms are "still alive at T" and "dropped
 * out after the last purchase"; their shares are P(alive) and 1 − P(alive),
 * which is also what the gradient of the bracket needs.
 */
export function dropoutShift(variant: BgNbdVariant): 0 | 1 {
  return variant === 'mbg' ? 1 : 0;
}

/**
 * Sum over groups of n · ln L. When `gradient` is given, writes
 * ∂LL/∂(r, α, a, b) into it.
 */
export function bgnbdLogLikelihood(params: BgNbdParams, groups: RfmGroups, byX: ByX, gradient?: number[]): number {
  const { r, alpha, a, b } = params;
  const s = dropoutShift(params.variant);
  const { xs, xIndex, weightOfX } = byX;
  const k = xs.length;

  // Per distinct x: the constant part of ln L, ln of the dropout weight
  // a/(b+x+s-1) (or -∞ where the dropout term does not exist), and the
  // digamma parts of the gradient.
  const constant = new Float64Array(k);
  const logDropout = new Float64Array(k);
  const common = gammaln(a + b) - gammaln(b) - gammaln(r) + r * Math.log(alpha);
  let ll = 0;
  let dr = 0;
  let da = 0;
  let db = 0;
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let j = 0; j < k; j++) {
    const x = xs[j] as number;
    const w = weightOfX[j] as number;
    const bx = b + x + s;
    constant[j] = common + gammaln(r + x) + gammaln(bx) - gammaln(a + bx);
    logDropout[j] = s === 1 || x > 0 ? Math.log(a) - Math.log(bx - 1) : Number.NEGATIVE_INFINITY;
    ll += w * (constant[j] as number);
    if (gradient) {
      const psiABX = digamma(a + bx);
      dr += w * (digamma(r + x) - psiR + Math.log(alpha));
      da += w * (psiAB - psiABX);
      db += w * (psiAB + digamma(bx) - psiB - psiABX);
    }
  }

  let dAlpha = 0;
  for (let i = 0; i < xIndex.length; i++) {
    const j = xIndex[i] as number;
    const n = groups.n[i] as number;
    const e = r + (xs[j] as number);
    const ageT = alpha + (groups.T[i] as number);
    const logAT = Math.log(ageT);
    const logDrop = logDropout[j] as number;
    if (logDrop === Number.NEGATIVE_INFINITY) {
      // BG and x = 0: no dropout term, P(alive) = 1.
      ll -= n * e * logAT;
      if (gradient) {
        dr -= n * logAT;
        dAlpha -= (n * e) / ageT;
      }
      continue;
    }
    const ageTx = alpha + (groups.tx[i] as number);
    const logATx = Math.log(ageTx);
    // ln S = ln(e^lu + e^lw) with lu = −e·ln(α+T), lw = ln(dropout) − e·ln(α+tx);
    // one exp gives both ln S and the shares P(alive) = e^lu/S, 1 − P(alive).
    const lu = -e * logAT;
    const lw = logDrop - e * logATx;
    let pAlive: number;
    if (lw <= lu) {
      const ratio = Math.exp(lw - lu);
      ll += n * (lu + Math.log1p(ratio));
      pAlive = 1 / (1 + ratio);
    } else {
      const ratio = Math.exp(lu - lw);
      ll += n * (lw + Math.log1p(ratio));
      pAlive = ratio / (1 + ratio);
    }
    if (gradient) {
      const pDead = 1 - pAlive;
      dr -= n * (pAlive * logAT + pDead * logATx);
      dAlpha -= n * e * (pAlive / ageT + pDead / ageTx);
      da += (n * pDead) / a;
      db -= (n * pDead) / (b + (xs[j] as number) + s - 1);
    }
  }
  if (gradient) {
    gradient[0] = dr;
    gradient[1] = dAlpha + (r * byX.totalWeight) / alpha;
    gradient[2] = da;
    gradient[3] = db;
  }
  return ll;
}
