import type { GammaGammaParams, SpendGroups } from './types.ts';
import { badInput, validateParams, validateSpendGroups } from './validate.ts';

/**
 * Conditional expected spend per transaction, E[Z | x, zbar] (FHL 2005
 * "RFM and CLV", eq. 5): a weighted mean of the population mean p·v/(q−1)
 * and the customer's own mean zbar, the weight of zbar growing with x:
 *
 *   E[Z | x, zbar] = p·(v + x·zbar) / (p·x + q − 1)
 *
 * For x = 0 (no repeat purchase, zbar unused) it is the population mean,
 * which exists only when q > 1; otherwise BAD_INPUT.
 */
export function ggExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  validateParams('Gamma-Gamma', { p: params.p, q: params.q, v: params.v });
  if (x === 0) return populationMeanSpend(params);
  validateSpendGroups({ x: Float64Array.of(x), zbar: Float64Array.of(zbar), n: Float64Array.of(1) });
  return conditionalSpend(params, x, zbar);
}

/** Mean spend per transaction of a new customer, p·v/(q−1). */
export function populationMeanSpend(params: GammaGammaParams): number {
  if (!(params.q > 1)) {
    throw badInput('Gamma-Gamma: q <= 1, so the population mean spend is infinite', { params, reason: 'infinite_mean' });
  }
  return (params.p * params.v) / (params.q - 1);
}

/** E[Z | x, zbar] for every spend group, parallel to its columns. */
export function scoreGammaGamma(params: GammaGammaParams, groups: SpendGroups): Float64Array {
  validateParams('Gamma-Gamma', { p: params.p, q: params.q, v: params.v });
  const count = validateSpendGroups(groups);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = conditionalSpend(params, groups.x[i] as number, groups.zbar[i] as number);
  return out;
}

function conditionalSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, v } = params;
  const shape = p * x + q - 1;
  // The posterior of 1/ν has a finite mean only when p·x + q > 1.
  if (!(shape > 0)) throw badInput('Gamma-Gamma: p·x + q <= 1, so the expected spend is infinite', { params, x });
  return (p * (v + x * zbar)) / shape;
}
