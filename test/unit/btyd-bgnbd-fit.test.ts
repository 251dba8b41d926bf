import { describe, expect, it } from 'vitest';
import { bgnbdLogLikelihood } from '../../src/models/btyd/bgnbd-likelihood.ts';
import { indexByX } from '../../src/models/btyd/prepared.ts';
import { fitBgNbd } from '../../src/models/btyd/index.ts';
import { cdnowRfmGroups, parseCdnowSummary } from '../support/btyd/cdnow.ts';
import type { BgNbdParams, RfmGroups } from '../../src/models/btyd/index.ts';
import { expectParamsNear, fixture, relativeError } from './btyd-helpers.ts';

const text = fixture('cdnow_customers_summary.csv');
const groups = cdnowRfmGroups(text);
const logLikelihood = (params: BgNbdParams, g: RfmGroups = groups, gradient?: number[]): number =>
  bgnbdLogLikelihood(params, g, indexByX(g.x, g.n), gradient);

describe('BG/NBD on the CDNOW sample (weeks)', () => {
  const fit = fitBgNbd(groups, { variant: 'bg' });

  it('groups the 2,357 customers', () => {
    expect(fit.customers).toBe(2357);
    expect(fit.groups).toBeLessThan(2357);
  });

  it('reproduces Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426 within 1 %', () => {
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expectParamsNear(fit.params, published, 0.01);
  });

  it('reaches the published log-likelihood −9582.4 within 0.5', () => {
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
  });

  it('matches lifetimes 0.11.3 (BetaGeoFitter, penalizer 0) to 1e-4', () => {
    // lifetimes: r 0.242593, alpha 4.413532, a 0.792886, b 2.425752 (printed by bg.params_).
    const reference = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
    expectParamsNear(fit.params, reference, 1e-4);
  });

  it('computes the full log-likelihood like an independent numpy/scipy implementation', () => {
    // numpy: Σ gammaln/betaln/logaddexp form of FHL eq. 6 at the rounded published values.
    expect(logLikelihood({ variant: 'bg', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 })).toBeCloseTo(-9582.426831182365, 8);
  });
});

describe('MBG/NBD on the CDNOW sample', () => {
  const fit = fitBgNbd(groups, { variant: 'mbg' });

  it('matches lifetimes 0.11.3 (ModifiedBetaGeoFitter, penalizer 0) to 1e-4', () => {
    // lifetimes: r 0.524838, alpha 6.182988, a 0.891356, b 1.614000.
    const reference = { r: 0.524838, alpha: 6.182988, a: 0.891356, b: 1.614 };
    expectParamsNear(fit.params, reference, 1e-4);
  });

  it('computes the full log-likelihood like numpy/scipy', () => {
    expect(logLikelihood({ variant: 'mbg', r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 })).toBeCloseTo(-9582.132795287249, 8);
  });

  it('fits slightly better than BG/NBD with the same number of parameters', () => {
    const bg = fitBgNbd(groups, { variant: 'bg' });
    expect(fit.logLikelihood).toBeGreaterThan(bg.logLikelihood);
  });
});

describe('BG/NBD likelihood', () => {
  it.each(['bg', 'mbg'] as const)('%s: analytic gradient matches central finite differences', (variant) => {
    const params: BgNbdParams = { variant, r: 0.3, alpha: 5, a: 0.7, b: 2.1 };
    const gradient = [0, 0, 0, 0];
    logLikelihood(params, groups, gradient);
    (['r', 'alpha', 'a', 'b'] as const).forEach((name, i) => {
      const h = 1e-6 * params[name];
      const up = logLikelihood({ ...params, [name]: params[name] + h });
      const down = logLikelihood({ ...params, [name]: params[name] - h });
      expect(relativeError(gradient[i] as number, (up - down) / (2 * h)), name).toBeLessThan(1e-5);
    });
  });

  it('gives the same fit on ungrouped customers (weights are counts)', () => {
    const customers = parseCdnowSummary(text);
    const ungrouped: RfmGroups = {
      x: Float64Array.from(customers, (c) => c.x),
      tx: Float64Array.from(customers, (c) => c.tx),
      T: Float64Array.from(customers, (c) => c.T),
      n: new Float64Array(customers.length).fill(1),
    };
    const a = fitBgNbd(groups);
    const b = fitBgNbd(ungrouped);
    expect(b.groups).toBe(2357);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 6);
    expect(relativeError(b.params.r, a.params.r)).toBeLessThan(1e-6);
  });

  it('does not depend on the time unit: days give α × 7 and the same r, a, b', () => {
    const days: RfmGroups = { ...groups, tx: groups.tx.map((t) => t * 7), T: groups.T.map((t) => t * 7) };
    const weeks = fitBgNbd(groups);
    const inDays = fitBgNbd(days);
    expect(relativeError(inDays.params.alpha, weeks.params.alpha * 7)).toBeLessThan(1e-5);
    for (const name of ['r', 'a', 'b'] as const) {
      expect(relativeError(inDays.params[name], weeks.params[name]), name).toBeLessThan(1e-5);
    }
    // The density of times changes by the Jacobian: ln L_days = ln L_weeks − Σ x · ln 7.
    let repeat = 0;
    groups.x.forEach((x, i) => (repeat += x * (groups.n[i] as number)));
    expect(inDays.logLikelihood).toBeCloseTo(weeks.logLikelihood - repeat * Math.log(7), 4);
  });
});
