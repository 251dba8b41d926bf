/**
 * Pins the optimiser behind src/models/btyd/optimize.ts (numeric 1.2.6's BFGS,
 * unmaintained since 2012, kept for its results) on the CDNOW sample: a
 * change or replacement of it must reach the same published fits in about as
 * many steps, or this test says so.
 */
import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood } from '../../src/models/btyd/bgnbd-likelihood.ts';
import { minimize, type Objective } from '../../src/models/btyd/optimize.ts';
import { indexByX } from '../../src/models/btyd/prepared.ts';
import { cdnowRfmGroups } from '../support/btyd/cdnow.ts';
import { fixture } from './btyd-helpers.ts';

const groups = cdnowRfmGroups(fixture('cdnow_customers_summary.csv'));
const index = indexByX(groups.x, groups.n);
const CUSTOMERS = 2357;

/** Mean negative MBG/NBD log-likelihood per customer over log-parameters, as mle.ts builds it. */
const objective: Objective = (theta, out) => {
  const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
  const gradient = [0, 0, 0, 0];
  const ll = bgnbdLogLikelihood({ variant: 'mbg', r, alpha, a, b }, groups, index, gradient);
  [r, alpha, a, b].forEach((p, i) => (out[i] = (-p * (gradient[i] as number)) / CUSTOMERS));
  return -ll / CUSTOMERS;
};

describe('minimize (numeric BFGS) on the CDNOW MBG/NBD likelihood', () => {
  const result = minimize(objective, [0, 0, 0, 0]);
  const [r, alpha, a, b] = result.theta.map(Math.exp);

  it('converges at a stationary point', () => {
    expect(result.converged).toBe(true);
    expect(result.gradientNorm).toBeLessThan(1e-4);
  });

  it('lands on the lifetimes 0.11.3 fit (r 0.524838, α 6.182988, a 0.891356, b 1.614) to 1e-4', () => {
    expect(r).toBeCloseTo(0.524838, 4);
    expect(alpha).toBeCloseTo(6.182988, 3);
    expect(a).toBeCloseTo(0.891356, 4);
    expect(b).toBeCloseTo(1.614, 3);
  });

  it('reaches the log-likelihood −9582.13 within 0.05', () => {
    expect(-result.value * CUSTOMERS).toBeCloseTo(-9582.13, 1);
  });

  it('takes as many steps as it did when pinned', () => {
    expect({ iterations: result.iterations, message: result.message }).toMatchInlineSnapshot(`
      {
        "iterations": 37,
        "message": "Line search step size smaller than tol",
      }
    `);
  });
});
