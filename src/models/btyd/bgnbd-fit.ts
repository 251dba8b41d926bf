import { bgnbdLogLikelihood } from './bgnbd-likelihood.ts';
import { maximizeLogLikelihood } from './mle.ts';
import type { MinimizeOptions } from './optimize.ts';
import { indexByX } from './prepared.ts';
import type { BgNbdParams, BgNbdVariant, FitResult, RfmGroups } from './types.ts';
import { badInput, validateRfmGroups } from './validate.ts';

export interface BgNbdFitOptions extends MinimizeOptions {
  /** Default `bg`: see docs/models.md for the BG vs MBG comparison. */
  readonly variant?: BgNbdVariant;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Maximum-likelihood BG/NBD or MBG/NBD on grouped (x, tx, T, n). Throws
 * BAD_INPUT (never returns NaN) when the data cannot identify the model: no
 * customers, no repeat buyers, one distinct customer profile, or a
 * likelihood without interior maximum.
 */
export function fitBgNbd(groups: RfmGroups, options: BgNbdFitOptions = {}): FitResult<BgNbdParams> {
  const variant = options.variant ?? 'bg';
  const count = validateRfmGroups(groups);
  if (count === 0) throw badInput('BG/NBD: no customers to fit', { reason: 'empty' });
  const byX = indexByX(groups.x, groups.n);

  let repeatPurchases = 0;
  let exposure = 0;
  let distinct = false;
  for (let i = 0; i < count; i++) {
    repeatPurchases += (groups.n[i] as number) * (groups.x[i] as number);
    exposure += (groups.n[i] as number) * (groups.T[i] as number);
    distinct ||= groups.x[i] !== groups.x[0] || groups.tx[i] !== groups.tx[0] || groups.T[i] !== groups.T[0];
  }
  if (repeatPurchases === 0) {
    throw badInput('BG/NBD: no repeat buyers, so purchase rates and dropout cannot be estimated', {
      reason: 'no_repeat_buyers',
      customers: byX.totalWeight,
    });
  }
  if (!distinct) {
    throw badInput('BG/NBD: every customer has the same (x, tx, T), so heterogeneity cannot be estimated', {
      reason: 'single_profile',
      customers: byX.totalWeight,
    });
  }

  // r = a = b = 1 and α matching the mean purchase rate, r/α = Σx / ΣT.
  const alpha0 = exposure > 0 ? exposure / repeatPurchases : 1;
  const fit = maximizeLogLikelihood(
    variant === 'mbg' ? 'MBG/NBD' : 'BG/NBD',
    NAMES,
    (values, gradient) => bgnbdLogLikelihood(toParams(variant, values), groups, byX, gradient),
    [1, alpha0, 1, 1],
    byX.totalWeight,
    options,
  );
  return {
    params: toParams(variant, fit.params),
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    customers: byX.totalWeight,
    groups: count,
  };
}

function toParams(variant: BgNbdVariant, values: readonly number[]): BgNbdParams {
  const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN] = values;
  return { variant, r, alpha, a, b };
}
