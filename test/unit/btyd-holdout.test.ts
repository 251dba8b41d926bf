import { describe, expect, it } from 'vitest';
import { bgnbdScore, fitBgNbd, rfmGroups } from '../../src/models/btyd/index.ts';
import { parseCdnowSummary } from '../support/btyd/cdnow.ts';
import type { BgNbdVariant } from '../../src/models/btyd/index.ts';
import { cdnowPurchaseDays, fixture } from './btyd-helpers.ts';

/**
 * The evidence behind the default variant (docs/models.md): fit BG/NBD and
 * MBG/NBD on the 39-week calibration period of the CDNOW sample, predict the
 * 39-week holdout (1997-10-01 to 1998-06-30) and compare with what the
 * customers actually did.
 */
const customers = parseCdnowSummary(fixture('cdnow_customers_summary.csv'));
const holdout = cdnowPurchaseDays(fixture('CDNOW_sample.txt'), '19971001');
const actual = customers.map((c) => holdout.get(c.id) ?? 0);
const HORIZON = 39;

function evaluate(variant: BgNbdVariant) {
  const fit = fitBgNbd(rfmGroups(customers), { variant });
  let predicted = 0;
  let logLoss = 0;
  let oneTime = 0;
  let oneTimeProb = 0;
  customers.forEach((c, i) => {
    const score = bgnbdScore(fit.params, c, HORIZON);
    const bought = (actual[i] as number) > 0;
    predicted += score.expectedPurchases;
    logLoss -= Math.log(bought ? score.probPurchase : score.probNoPurchase);
    if (c.x === 0) {
      oneTime += 1;
      oneTimeProb += score.probPurchase;
    }
  });
  return { predicted, logLoss: logLoss / customers.length, oneTimeProb: oneTimeProb / oneTime };
}

describe('BG/NBD vs MBG/NBD on the CDNOW holdout', () => {
  const bg = evaluate('bg');
  const mbg = evaluate('mbg');
  const total = actual.reduce((sum, a) => sum + a, 0);
  const oneTimers = customers.filter((c) => c.x === 0);
  const oneTimeShare = oneTimers.filter((c) => (holdout.get(c.id) ?? 0) > 0).length / oneTimers.length;

  it('counts the holdout purchases of the 2,357 customers', () => {
    expect(total).toBe(1882);
    expect(oneTimers).toHaveLength(1411);
  });

  it('both predict the holdout total within 20 % (both under-predict; BG/NBD is closer)', () => {
    for (const model of [bg, mbg]) expect(Math.abs(model.predicted - total) / total).toBeLessThan(0.2);
    expect(Math.abs(bg.predicted - total)).toBeLessThan(Math.abs(mbg.predicted - total));
  });

  it('MBG/NBD has the lower log-loss for "buys again in the horizon"', () => {
    expect(mbg.logLoss).toBeLessThan(bg.logLoss);
  });

  it('MBG/NBD is better calibrated on one-time buyers (x = 0), 60 % of the customers', () => {
    expect(Math.abs(mbg.oneTimeProb - oneTimeShare)).toBeLessThan(Math.abs(bg.oneTimeProb - oneTimeShare));
  });
});
