/**
 * Indexes grouped inputs by distinct x. The gamma-function terms of both
 * likelihoods depend on x alone, so they are computed once per distinct x
 * (a few hundred values) per evaluation, and the per-group loop is left with
 * a couple of logs and an exp.
 */
export interface ByX {
  /** Distinct x values. */
  readonly xs: Float64Array;
  /** For each group, the position of its x in `xs`. */
  readonly xIndex: Int32Array;
  /** Total weight of the groups with each distinct x. */
  readonly weightOfX: Float64Array;
  readonly totalWeight: number;
}

export function indexByX(x: Float64Array, n: Float64Array): ByX {
  const positions = new Map<number, number>();
  const xs: number[] = [];
  const weights: number[] = [];
  const xIndex = new Int32Array(x.length);
  let totalWeight = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const wi = n[i] as number;
    let k = positions.get(xi);
    if (k === undefined) {
      k = xs.length;
      positions.set(xi, k);
      xs.push(xi);
      weights.push(0);
    }
    xIndex[i] = k;
    weights[k] = (weights[k] as number) + wi;
    totalWeight += wi;
  }
  return { xs: Float64Array.from(xs), xIndex, weightOfX: Float64Array.from(weights), totalWeight };
}
