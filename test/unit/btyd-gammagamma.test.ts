import { describe, expect, it } from 'vitest';
import { gammaGammaLogLikelihood, prepareSpend } from '../../src/models/btyd/gammagamma-likelihood.ts';
import {
  fitGammaGamma,
  ggExpectedSpend,
  populationMeanSpend,
  scoreGammaGamma,
  spendGroups,
} from '../../src/models/btyd/index.ts';
import type { GammaGammaParams } from '../../src/models/btyd/index.ts';
import { cdnowSpendGroups } from '../support/btyd/cdnow.ts';
import { expectParamsNear, fixture, relativeError } from './btyd-helpers.ts';

const groups = cdnowSpendGroups(fixture('cdnow_customers_summary_with_transactions.csv'));

describe('Gamma-Gamma on the CDNOW repeat customers', () => {
  const fit = fitGammaGamma(groups);

  it('uses the 946 customers with x > 0', () => {
    expect(fit.customers).toBe(946);
  });

  it('reproduces p 6.25, q 3.74, v 15.44 within 2 %', () => {
    const published = { p: 6.25, q: 3.74, v: 15.44 };
    expectParamsNear(fit.params, published, 0.02);
  });

  it('matches the independent numpy/scipy fit of the data README (p 6.249, q 3.745, v 15.448) to 1e-3', () => {
    const reference = { p: 6.249, q: 3.745, v: 15.448 };
    expectParamsNear(fit.params, reference, 1e-3);
  });

  it('has an analytic gradient that matches central finite differences', () => {
    const prepared = prepareSpend(groups);
    const params: GammaGammaParams = { p: 5, q: 3, v: 20 };
    const gradient = [0, 0, 0];
    gammaGammaLogLikelihood(params, prepared, gradient);
    (['p', 'q', 'v'] as const).forEach((name, i) => {
      const h = 1e-6 * params[name];
      const up = gammaGammaLogLikelihood({ ...params, [name]: params[name] + h }, prepared);
      const down = gammaGammaLogLikelihood({ ...params, [name]: params[name] - h }, prepared);
      expect(relativeError(gradient[i] as number, (up - down) / (2 * h)), name).toBeLessThan(1e-6);
    });
  });

  it('does not depend on the currency unit: cents give v × 100 and the same p, q', () => {
    const cents = fitGammaGamma({ ...groups, zbar: groups.zbar.map((z) => z * 100) });
    expect(relativeError(cents.params.v, fit.params.v * 100)).toBeLessThan(1e-5);
    expect(relativeError(cents.params.p, fit.params.p)).toBeLessThan(1e-5);
    expect(relativeError(cents.params.q, fit.params.q)).toBeLessThan(1e-5);
  });
});

describe('Gamma-Gamma expected spend', () => {
  const params: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

  // lifetimes 0.11.3 GammaGammaFitter.conditional_expected_average_profit with
  // params_ set to these values (test/fixtures/cdnow/btyd_reference.py).
  it.each([
    [1, 10, 17.686318131256954],
    [2, 35.5, 35.449475065616795],
    [7, 100, 96.18197461819746],
    [30, 20, 20.219196804037004],
  ])('E[Z | x=%d, zbar=%d] matches lifetimes', (x, zbar, expected) => {
    expect(relativeError(ggExpectedSpend(params, x, zbar), expected)).toBeLessThan(1e-12);
  });

  it('is the population mean p·v/(q−1) for a customer without repeat purchase', () => {
    expect(ggExpectedSpend(params, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(populationMeanSpend(params)).toBe(ggExpectedSpend(params, 0, 0));
  });

  it('scores spend groups column-wise', () => {
    const g = spendGroups([
      { x: 1, zbar: 10 },
      { x: 7, zbar: 100.004 },
      { x: 7, zbar: 99.996 },
    ]);
    expect(Array.from(g.n)).toEqual([1, 2]);
    expect(Array.from(scoreGammaGamma(params, g))).toEqual([ggExpectedSpend(params, 1, 10), ggExpectedSpend(params, 7, 100)]);
  });
});
