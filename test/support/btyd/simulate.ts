import betaRandom from '@stdlib/random-base-beta';
import exponentialRandom from '@stdlib/random-base-exponential';
import gammaRandom from '@stdlib/random-base-gamma';
import uniformRandom from '@stdlib/random-base-uniform';
import type { BgNbdParams, GammaGammaParams } from '../../../src/models/btyd/types.ts';

/**
 * Draws customers from a known BG/NBD (or MBG/NBD) + Gamma-Gamma process,
 * seeded, to check that fits recover the truth and to benchmark at scale.
 * Test and bench only: the random generators are devDependencies.
 */
export interface SimulationOptions {
  readonly customers: number;
  readonly bgnbd: BgNbdParams;
  readonly spend: GammaGammaParams;
  /** Customers' ages T are uniform on [0, maxAge] (first purchases spread over the history). */
  readonly maxAge: number;
  readonly seed: number;
}

export interface SimulatedCustomers {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean value of the repeat purchases (0 when x = 0). */
  readonly zbar: Float64Array;
}

export function simulateCustomers(options: SimulationOptions): SimulatedCustomers {
  const { customers, maxAge } = options;
  const { r, alpha, a, b, variant } = options.bgnbd;
  const { p, q, v } = options.spend;
  // One Mersenne Twister stream feeds every distribution: one seed, one sequence.
  const uniform = uniformRandom.factory(0, 1, { seed: options.seed });
  const prng = (): number => uniform();
  const gamma = gammaRandom.factory({ prng });
  const beta = betaRandom.factory({ prng });
  const exponential = exponentialRandom.factory({ prng });

  const out: SimulatedCustomers = {
    x: new Float64Array(customers),
    tx: new Float64Array(customers),
    T: new Float64Array(customers),
    zbar: new Float64Array(customers),
  };
  for (let i = 0; i < customers; i++) {
    const T = uniform() * maxAge;
    const lambda = gamma(r, alpha);
    const dropout = beta(a, b);
    let x = 0;
    let tx = 0;
    // MBG/NBD: the coin for dropping out is also tossed at the first purchase.
    let alive = variant === 'bg' || uniform() >= dropout;
    let t = 0;
    while (alive) {
      t += exponential(lambda);
      if (t > T) break;
      x += 1;
      tx = t;
      alive = uniform() >= dropout;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    // The mean of x Γ(p, ν) values is Γ(p·x, x·ν): one draw instead of x.
    out.zbar[i] = x > 0 ? gamma(p * x, x * gamma(q, v)) : 0;
  }
  return out;
}
