import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import {
  bgnbdScore,
  fitBgNbd,
  fitGammaGamma,
  ggExpectedSpend,
  rfmGroups,
  scoreBgNbd,
  scoreGammaGamma,
  spendGroups,
} from '../../src/models/btyd/index.ts';
import type { RfmRow, SpendRow } from '../../src/models/btyd/index.ts';

/** Runs `action` and returns the AppError it throws (fails if it does not throw one). */
function appError(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const BG = { variant: 'bg', r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
const GG = { p: 6.25, q: 3.74, v: 15.44 };
const rfm = (rows: RfmRow[]) => rfmGroups(rows);

describe('BG/NBD fit on degenerate input', () => {
  it.each([
    ['empty input', [], 'empty'],
    ['no repeat buyers', [{ x: 0, tx: 0, T: 10 }, { x: 0, tx: 0, T: 20 }], 'no_repeat_buyers'],
    ['a single customer', [{ x: 3, tx: 8, T: 10 }], 'single_profile'],
    ['identical customers', [{ x: 2, tx: 5, T: 9, n: 500 }, { x: 2, tx: 5, T: 9, n: 20 }], 'single_profile'],
  ] as const)('%s: BAD_INPUT with a reason', (_name, rows, reason) => {
    for (const variant of ['bg', 'mbg'] as const) {
      const error = appError(() => fitBgNbd(rfm([...rows]), { variant }));
      expect(error.code).toBe('BAD_INPUT');
      expect(error.details?.['reason']).toBe(reason);
    }
  });

  it('identical rows given ungrouped are also one profile', () => {
    const rows = Array.from({ length: 50 }, () => ({ x: 1, tx: 3, T: 9, n: 1 }));
    const groups = { x: Float64Array.from(rows, (r) => r.x), tx: Float64Array.from(rows, (r) => r.tx), T: Float64Array.from(rows, (r) => r.T), n: new Float64Array(50).fill(1) };
    expect(appError(() => fitBgNbd(groups)).details?.['reason']).toBe('single_profile');
  });

  it('two customers without heterogeneity to estimate: no interior maximum, not NaN', () => {
    const error = appError(() => fitBgNbd(rfm([{ x: 1, tx: 5, T: 10 }, { x: 2, tx: 5, T: 10 }])));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details?.['reason']).toBe('no_interior_maximum');
  });

  it.each([
    ['tx > T', { x: 1, tx: 11, T: 10 }],
    ['x = 0 with tx > 0', { x: 0, tx: 1, T: 10 }],
    ['fractional x', { x: 1.5, tx: 1, T: 10 }],
    ['negative x', { x: -1, tx: 0, T: 10 }],
    ['NaN T', { x: 1, tx: 1, T: Number.NaN }],
    ['zero weight', { x: 1, tx: 1, T: 10, n: 0 }],
  ])('rejects %s naming the group', (_name, row) => {
    const error = appError(() => fitBgNbd(rfm([{ x: 2, tx: 3, T: 10 }, row])));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details?.['index']).toBe(1);
  });

  it('rejects columns of different lengths', () => {
    const groups = { x: Float64Array.of(1, 2), tx: Float64Array.of(1, 2), T: Float64Array.of(3), n: Float64Array.of(1, 1) };
    expect(appError(() => fitBgNbd(groups)).code).toBe('BAD_INPUT');
  });
});

describe('BG/NBD scores on bad input', () => {
  it.each([
    ['a negative horizon', BG, -1],
    ['an infinite horizon', BG, Number.POSITIVE_INFINITY],
    ['a NaN parameter', { ...BG, r: Number.NaN }, 52],
    ['a zero parameter', { ...BG, b: 0 }, 52],
  ] as const)('%s: BAD_INPUT', (_name, params, horizon) => {
    expect(appError(() => bgnbdScore(params, { x: 1, tx: 1, T: 2 }, horizon)).code).toBe('BAD_INPUT');
    expect(appError(() => scoreBgNbd(params, rfm([{ x: 1, tx: 1, T: 2 }]), horizon)).code).toBe('BAD_INPUT');
  });

  it('scores an empty set of groups as empty columns', () => {
    expect(scoreBgNbd(BG, rfm([]), 52).pAlive).toHaveLength(0);
  });
});

describe('Gamma-Gamma on degenerate input', () => {
  const spend = (rows: SpendRow[]) => spendGroups(rows);

  it.each([
    ['empty input', [], 'no_repeat_buyers'],
    ['only one-time buyers', [{ x: 0, zbar: 0 }, { x: 0, zbar: 0 }], 'no_repeat_buyers'],
    ['a single customer', [{ x: 2, zbar: 30 }], 'single_profile'],
    ['identical mean spends', [{ x: 2, zbar: 30 }, { x: 5, zbar: 30 }], 'single_profile'],
  ] as const)('%s: BAD_INPUT with a reason', (_name, rows, reason) => {
    const error = appError(() => fitGammaGamma(spend([...rows])));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details?.['reason']).toBe(reason);
  });

  it('rejects a zero or negative mean spend of a repeat customer', () => {
    expect(appError(() => fitGammaGamma(spend([{ x: 1, zbar: 10 }, { x: 2, zbar: 0 }]))).details?.['index']).toBe(1);
    expect(appError(() => fitGammaGamma(spend([{ x: 1, zbar: 10 }, { x: 2, zbar: -5 }]))).code).toBe('BAD_INPUT');
  });

  it('refuses an infinite mean spend instead of returning it', () => {
    expect(appError(() => ggExpectedSpend({ ...GG, q: 0.9 }, 0, 0)).details?.['reason']).toBe('infinite_mean');
    expect(appError(() => scoreGammaGamma({ p: 0.1, q: 0.5, v: 10 }, spend([{ x: 1, zbar: 10 }]))).code).toBe('BAD_INPUT');
    expect(appError(() => ggExpectedSpend({ ...GG, v: Number.NaN }, 2, 10)).code).toBe('BAD_INPUT');
  });
});
