import { minimize } from './optimize.ts';
import type { MinimizeOptions } from './optimize.ts';
import { badInput } from './validate.ts';

/**
 * Maximum likelihood over positive parameters, optimised on their logs (so
 * no bounds are needed and the problem does not depend on the time or
 * currency unit), with the mean negative log-likelihood per customer as the
 * objective (so tolerances mean the same for 2,000 or 1,000,000 customers).
 */
export interface LogLikelihood {
  /** Sum of n · ln L at `params`; writes ∂LL/∂params into `gradient` when given. */
  (params: readonly number[], gradient?: number[]): number;
}

export interface MleResult {
  readonly params: number[];
  readonly logLikelihood: number;
  readonly iterations: number;
}

/** How far (as a factor) a parameter may end from its start before the optimum counts as a boundary. */
const MAX_FACTOR = 1e6;

export function maximizeLogLikelihood(
  model: string,
  names: readonly string[],
  logLikelihood: LogLikelihood,
  start: readonly number[],
  customers: number,
  options: MinimizeOptions = {},
): MleResult {
  const gradient = new Array<number>(start.length).fill(0);
  const result = minimize(
    (theta, out) => {
      const params = theta.map(Math.exp);
      const ll = logLikelihood(params, gradient);
      params.forEach((p, i) => (out[i] = (-p * (gradient[i] as number)) / customers));
      return -ll / customers;
    },
    start.map(Math.log),
    options,
  );
  const params = result.theta.map(Math.exp);
  const named = Object.fromEntries(names.map((name, i) => [name, params[i]]));
  // A likelihood that keeps rising towards 0 or ∞ has no interior maximum:
  // the data cannot identify the model (e.g. no heterogeneity). Say so
  // instead of returning arbitrary huge or tiny values.
  const atBoundary = params.some((p, i) => {
    const factor = p / (start[i] as number);
    return !(factor > 1 / MAX_FACTOR && factor < MAX_FACTOR);
  });
  if (!result.converged || atBoundary) {
    throw badInput(`${model}: the likelihood has no interior maximum on these data (${result.message || 'no convergence'})`, {
      reason: 'no_interior_maximum',
      params: named,
      gradientNorm: result.gradientNorm,
      iterations: result.iterations,
    });
  }
  return { params, logLikelihood: -result.value * customers, iterations: result.iterations };
}
