import numeric from 'numeric';

/**
 * Quasi-Newton minimisation (BFGS with backtracking, `numeric.uncmin`) of a
 * smooth objective with an analytic gradient.
 *
 * Why BFGS from `numeric`: the BTYD likelihoods have strongly correlated
 * parameters (r and α above all), where a curvature model converges in a few
 * dozen steps while Nelder–Mead or Polak–Ribière CG need hundreds. `fmin`
 * (Nelder–Mead/CG) was tried first: its 0.0.4 build is a UMD bundle inside a
 * `"type": "module"` package, so a Node ESM import yields no exports.
 *
 * Why it stays although numeric 1.2.6 (2012) is unmaintained: `uncmin` is a
 * small, pure-JS, dependency-free routine whose results are published-grade
 * (the CDNOW fits of Fader, Hardie & Lee and of lifetimes to 1e-4), and no
 * maintained npm optimiser offers BFGS with an analytic gradient without
 * pulling in a numerical stack. It is used here only, behind this function;
 * test/unit/btyd-optimize.test.ts pins its fit, likelihood and step count on
 * the CDNOW fixture, so a replacement must prove it reaches the same point.
 */
export interface Objective {
  /** Returns the value at `theta` and writes the gradient into `gradient`. */
  (theta: readonly number[], gradient: number[]): number;
}

export interface MinimizeResult {
  readonly theta: number[];
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  /** The step became negligible (numeric's stopping rule), at a stationary point. */
  readonly converged: boolean;
  readonly message: string;
}

export interface MinimizeOptions {
  /** Stop when the quasi-Newton step is shorter than this (in θ units). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Gradient norm under which a stop counts as a stationary point. */
  readonly gradientTolerance?: number;
}

export function minimize(objective: Objective, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const cached = memoize(objective, start.length);
  const result = numeric.uncmin(
    (theta: number[]) => cached(theta).value,
    [...start],
    options.tolerance ?? 1e-9,
    (theta: number[]) => [...cached(theta).gradient],
    options.maxIterations ?? 1000,
  );
  const gradientNorm = Math.hypot(...result.gradient);
  const stepTooSmall = result.message.startsWith('Newton step') || result.message.startsWith('Line search step');
  return {
    theta: [...result.solution],
    value: result.f,
    gradientNorm,
    iterations: result.iterations,
    converged: stepTooSmall && Number.isFinite(result.f) && gradientNorm < (options.gradientTolerance ?? 1e-4),
    message: result.message,
  };
}

/**
 * numeric asks for the value and then the gradient at the same point; both
 * come from one pass over the groups, so keep the last evaluation.
 */
function memoize(objective: Objective, size: number): (theta: readonly number[]) => { value: number; gradient: number[] } {
  let lastTheta: number[] | undefined;
  let last = { value: Number.NaN, gradient: new Array<number>(size).fill(Number.NaN) };
  return (theta) => {
    if (lastTheta !== undefined && theta.every((t, i) => t === lastTheta?.[i])) return last;
    const gradient = new Array<number>(size).fill(0);
    const value = objective(theta, gradient);
    // uncmin backtracks on NaN values but stops on a NaN gradient: an
    // evaluation that overflowed becomes +Infinity so the line search retreats.
    last = { value: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value, gradient };
    lastTheta = [...theta];
    return last;
  };
}
