import { describe, expect, it } from 'vitest';
import { bgnbdScore, rfmGroups, scoreBgNbd } from '../../src/models/btyd/index.ts';
import type { BgNbdParams } from '../../src/models/btyd/index.ts';
import { relativeError } from './btyd-helpers.ts';

/**
 * Reference values from an independent computation (test/fixtures/cdnow/btyd_reference.py,
 * Python 3.11, scipy 1.17.1, lifetimes 0.11.3):
 * - `pAlive`, `expected`: lifetimes' conditional_probability_alive and
 *   conditional_expected_number_of_purchases_up_to_time (its 2F1 formula);
 * - `noPurchase`: P(X(t) = 0 | x, tx, T) by 2-D quadrature (scipy dblquad) of
 *   the definition over the Gamma × Beta prior, with no closed form. The same
 *   quadrature reproduced lifetimes' pAlive and E[X(t)] to 1e-12.
 * Rows: x, tx, T, t, pAlive, expected, noPurchase.
 */
type Row = readonly [number, number, number, number, number, number, number];

const BG: BgNbdParams = { variant: 'bg', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const BG_ROWS: Row[] = [
  [0, 0, 38.86, 52, 1.0, 0.2520730222824504, 0.8254910935851645],
  [0, 0, 38.86, 39, 1.0, 0.19509805201125396, 0.8554494592166826],
  [2, 30.43, 38.86, 52, 0.726578570080673, 1.5587208064320972, 0.39715862291169884],
  [2, 30.43, 38.86, 39, 0.726578570080673, 1.226028174767135, 0.4453728620830005],
  [7, 35.86, 38.86, 52, 0.863288304970147, 5.648285277772369, 0.13955377792579057],
  [7, 35.86, 38.86, 39, 0.863288304970147, 4.488991941317602, 0.14493603798820248],
  [1, 2, 30, 52, 0.2748725860483938, 0.4070369605892511, 0.8126498059162102],
  [1, 2, 30, 39, 0.2748725860483938, 0.3204866693464152, 0.8323114405268782],
  [20, 20, 38, 52, 0.00037653906213950205, 0.006783278003581883, 0.9996234609725994],
  [20, 20, 38, 39, 0.00037653906213950205, 0.00542237949333704, 0.9996234616348038],
  [0, 0, 0, 52, 1.0, 1.4460505953963958, 0.5384027142293991],
  [0, 0, 0, 39, 1.0, 1.1967231933207985, 0.5737863520960088],
];

const MBG: BgNbdParams = { variant: 'mbg', r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const MBG_ROWS: Row[] = [
  [0, 0, 38.86, 52, 0.3897350809187629, 0.19770581741636964, 0.8707408649914324],
  [0, 0, 38.86, 39, 0.3897350809187629, 0.15401274667514553, 0.8911706012225326],
  [2, 30.43, 38.86, 52, 0.7062022651184873, 1.5972166308180844, 0.3954819215298673],
  [2, 30.43, 38.86, 39, 0.7062022651184873, 1.2629606232673432, 0.44000590917770455],
  [7, 35.86, 38.86, 52, 0.8519706336730188, 5.42429437822036, 0.15067216700486685],
  [7, 35.86, 38.86, 39, 0.8519706336730188, 4.333668684168562, 0.15582939108250765],
  [1, 2, 30, 52, 0.2331397284092474, 0.39096120399560474, 0.8267874503839342],
  [1, 2, 30, 39, 0.2331397284092474, 0.30970436631495973, 0.843288411628369],
  [20, 20, 38, 52, 0.0005255504883284255, 0.00896992685365452, 0.9994744495728196],
  [20, 20, 38, 39, 0.0005255504883284255, 0.007210115406324181, 0.9994744507160627],
  [0, 0, 0, 52, 0.644311377245509, 1.4197237577127344, 0.554278655154227],
  [0, 0, 0, 39, 0.644311377245509, 1.1829536655971713, 0.582473189493289],
];

// Quadrature only (lifetimes divides by a − 1): a = 1 exactly, and a > 1. Rows as above.
const A_ONE: BgNbdParams = { variant: 'bg', r: 0.243, alpha: 4.414, a: 1, b: 2.426 };
const A_ONE_ROWS: Row[] = [
  [3, 20, 38, 52, 0.424657337244643, 1.2439834605991589, 0.6070389237531669],
  [0, 0, 10, 52, 1.0, 0.5908909405912672, 0.6898831629170026],
];
const A_BIG: BgNbdParams = { variant: 'bg', r: 0.8, alpha: 3, a: 2.5, b: 4 };
const A_BIG_ROWS: Row[] = [
  [3, 20, 38, 52, 0.2106142091942971, 0.564864061395302, 0.7987577657481472],
  [0, 0, 10, 52, 1.0, 1.4697647305681751, 0.2759459322922427],
];

describe.each([
  ['BG/NBD', BG, BG_ROWS],
  ['MBG/NBD', MBG, MBG_ROWS],
  ['BG/NBD with a = 1', A_ONE, A_ONE_ROWS],
  ['BG/NBD with a > 1', A_BIG, A_BIG_ROWS],
] as const)('%s closed forms', (_name, params, rows) => {
  it.each(rows)('x=%d tx=%d T=%d over t=%d', (x, tx, T, t, pAlive, expected, noPurchase) => {
    const score = bgnbdScore(params, { x, tx, T }, t);
    expect(relativeError(score.pAlive, pAlive)).toBeLessThan(1e-9);
    expect(relativeError(score.expectedPurchases, expected)).toBeLessThan(1e-8);
    expect(relativeError(score.probNoPurchase, noPurchase)).toBeLessThan(1e-8);
    expect(relativeError(score.probPurchase, 1 - noPurchase)).toBeLessThan(1e-8);
  });
});

describe('BG/NBD expected purchases for extreme histories', () => {
  // FHL eq. 10 as written, evaluated with mpmath at 60 digits (scipy's and
  // stdlib's float 2F1 overflow there; the library uses Euler's transformation).
  it.each([
    [300, 0.5, 1, 52, 8.077824209012751e-8],
    [100, 0, 0, 520, 821.991196989268],
  ])('x=%d tx=%d T=%d over t=%d', (x, tx, T, t, expected) => {
    expect(relativeError(bgnbdScore(BG, { x, tx, T }, t).expectedPurchases, expected)).toBeLessThan(1e-10);
  });
});

describe('BG/NBD scores', () => {
  it('treat x = 0 as alive in BG/NBD (no dropout before a repeat purchase) but not in MBG/NBD', () => {
    expect(bgnbdScore(BG, { x: 0, tx: 0, T: 100 }, 52).pAlive).toBe(1);
    expect(bgnbdScore(MBG, { x: 0, tx: 0, T: 100 }, 52).pAlive).toBeLessThan(1);
  });

  it('are zero purchases for a zero horizon', () => {
    const score = bgnbdScore(BG, { x: 3, tx: 10, T: 30 }, 0);
    expect(score.expectedPurchases).toBe(0);
    expect(score.probNoPurchase).toBe(1);
  });

  it('stay finite and in range over a wide grid, for a just below and above 1', () => {
    for (const a of [0.3, 1 - 1e-9, 1 + 1e-9, 4]) {
      for (const x of [0, 1, 5, 50, 300]) {
        for (const T of [0, 1, 40, 400]) {
          for (const tx of [0, T / 2, T]) {
            if (x === 0 && tx !== 0) continue;
            const s = bgnbdScore({ variant: 'bg', r: 0.5, alpha: 5, a, b: 2 }, { x, tx, T }, 52);
            expect(s.pAlive).toBeGreaterThanOrEqual(0);
            expect(s.pAlive).toBeLessThanOrEqual(1);
            expect(s.probNoPurchase).toBeGreaterThanOrEqual(0);
            expect(s.probNoPurchase).toBeLessThanOrEqual(1);
            expect(s.expectedPurchases).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(s.expectedPurchases)).toBe(true);
          }
        }
      }
    }
  });

  it('are continuous across a = 1', () => {
    const at = (a: number): number => bgnbdScore({ ...BG, a }, { x: 3, tx: 20, T: 38 }, 52).expectedPurchases;
    expect(relativeError(at(1 - 1e-9), at(1))).toBeLessThan(1e-7);
    expect(relativeError(at(1 + 1e-6), at(1 - 1e-6))).toBeLessThan(1e-5);
  });

  it('score groups column-wise like one at a time', () => {
    const groups = rfmGroups(BG_ROWS.map(([x, tx, T]) => ({ x, tx, T })));
    const scores = scoreBgNbd(BG, groups, 52);
    groups.x.forEach((x, i) => {
      const one = bgnbdScore(BG, { x, tx: groups.tx[i] as number, T: groups.T[i] as number }, 52);
      expect(scores.expectedPurchases[i]).toBe(one.expectedPurchases);
      expect(scores.probPurchase[i]).toBe(one.probPurchase);
      expect(scores.pAlive[i]).toBe(one.pAlive);
    });
  });
});
