import { gammaGammaLogLikelihood, prepareSpend } from './gammagamma-likelihood.ts';
import { maximizeLogLikelihood } from './mle.ts';
import type { MinimizeOptions } from './optimize.ts';
import type { FitResult, GammaGammaParams, SpendGroups } from './types.ts';
import { badInput, validateSpendGroups } from './validate.ts';

const NAMES = ['p', 'q', 'v'] as const;

/**
 * Maximum-likelihood Gamma-Gamma on repeat customers grouped by (x, zbar).
 * Throws BAD_INPUT when there is nothing to fit (no repeat customer) or no
 * spread to estimate (one distinct mean spend), or no interior maximum.
 *
 * The model assumes spend is independent of purchase frequency; check that
 * correlation(x, zbar) is small on the data before trusting it.
 */
export function fitGammaGamma(groups: SpendGroups, options: MinimizeOptions = {}): FitResult<GammaGammaParams> {
  const count = validateSpendGroups(groups);
  if (count === 0) throw badInput('Gamma-Gamma: no repeat customers to fit', { reason: 'no_repeat_buyers' });
  const prepared = prepareSpend(groups);
  let spend = 0;
  let distinct = false;
  for (let i = 0; i < count; i++) {
    spend += (groups.n[i] as number) * (groups.zbar[i] as number);
    distinct ||= groups.zbar[i] !== groups.zbar[0];
  }
  if (!distinct) {
    throw badInput('Gamma-Gamma: every repeat customer has the same mean spend, so its spread cannot be estimated', {
      reason: 'single_profile',
      customers: prepared.byX.totalWeight,
    });
  }
  // p = 1, q = 2 and v = mean zbar start at the right mean spend, p·v/(q−1).
  const meanSpend = spend / prepared.byX.totalWeight;
  const fit = maximizeLogLikelihood(
    'Gamma-Gamma',
    NAMES,
    (values, gradient) => gammaGammaLogLikelihood(toParams(values), prepared, gradient),
    [1, 2, meanSpend],
    prepared.byX.totalWeight,
    options,
  );
  return {
    params: toParams(fit.params),
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    customers: prepared.byX.totalWeight,
    groups: count,
  };
}

function toParams(values: readonly number[]): GammaGammaParams {
  const [p = Number.NaN, q = Number.NaN, v = Number.NaN] = values;
  return { p, q, v };
}
