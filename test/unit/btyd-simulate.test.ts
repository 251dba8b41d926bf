import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitGammaGamma, rfmGroups, spendGroups } from '../../src/models/btyd/index.ts';
import type { BgNbdParams, BgNbdVariant } from '../../src/models/btyd/index.ts';
import { simulateCustomers } from '../support/btyd/simulate.ts';
import { expectParamsNear, relativeError } from './btyd-helpers.ts';

/**
 * Parameter recovery: customers drawn from a known process (seeded, so the
 * figures are fixed) must give back the parameters that made them. With
 * 200,000 customers (~85,000 repeat buyers) the sampling error is about 2 %
 * (sd of p, q, v over 8 seeds of 40,000 was 4–5 %); the tolerance is 10 %.
 */
const SPEND = { p: 6.25, q: 3.74, v: 15.44 };
const TRUTH: Record<BgNbdVariant, BgNbdParams> = {
  bg: { variant: 'bg', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  mbg: { variant: 'mbg', r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
};

describe.each(['bg', 'mbg'] as const)('%s simulation', (variant) => {
  const truth = TRUTH[variant];
  const sim = simulateCustomers({ customers: 200_000, bgnbd: truth, spend: SPEND, maxAge: 104, seed: 7 });
  const indices = Array.from(sim.x, (_, i) => i);

  it('is reproducible from its seed', () => {
    const again = simulateCustomers({ customers: 100, bgnbd: truth, spend: SPEND, maxAge: 104, seed: 7 });
    expect(Array.from(again.tx)).toEqual(Array.from(sim.tx.subarray(0, 100)));
  });

  it('gives back r, α, a, b within 10 %', () => {
    const fit = fitBgNbd(rfmGroups(indices.map((i) => ({ x: sim.x[i] as number, tx: sim.tx[i] as number, T: sim.T[i] as number }))), { variant });
    expectParamsNear(fit.params, { r: truth.r, alpha: truth.alpha, a: truth.a, b: truth.b }, 0.1);
  });

  it('gives back p, q, v within 10 %', () => {
    const fit = fitGammaGamma(spendGroups(indices.map((i) => ({ x: sim.x[i] as number, zbar: sim.zbar[i] as number }))));
    expectParamsNear(fit.params, SPEND, 0.1);
    // The mean spend p·v/(q−1) is far better determined than p, q, v alone.
    const mean = (fit.params.p * fit.params.v) / (fit.params.q - 1);
    expect(relativeError(mean, (SPEND.p * SPEND.v) / (SPEND.q - 1))).toBeLessThan(0.02);
  });
});
