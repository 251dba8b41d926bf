import { AppError } from '../../core/errors.ts';
import type { RfmGroups, SpendGroups } from './types.ts';

/**
 * Input checks shared by the fits and the scorers. Bad rows are a caller's
 * mistake (usually a wrong SQL summary), so they raise BAD_INPUT naming the
 * first offending group instead of letting NaN spread through the math.
 */
export function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_INPUT', message, { details });
}

function sameLength(columns: Record<string, Float64Array>): number {
  const lengths = Object.values(columns).map((c) => c.length);
  const length = lengths[0] ?? 0;
  if (lengths.some((l) => l !== length)) {
    throw badInput('group columns have different lengths', {
      lengths: Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.length])),
    });
  }
  return length;
}

/** Returns the number of groups; throws on the first invalid one. */
export function validateRfmGroups(groups: RfmGroups): number {
  const { x, tx, T, n } = groups;
  const length = sameLength({ x, tx, T, n });
  // The row's values go into the error only when there is one (no allocation per group).
  const fail = (i: number, rule: string): AppError =>
    badInput(`group ${i}: ${rule}`, { index: i, x: x[i], tx: tx[i], T: T[i], n: n[i] });
  for (let i = 0; i < length; i++) {
    const xi = x[i] as number;
    const txi = tx[i] as number;
    const Ti = T[i] as number;
    const ni = n[i] as number;
    if (!Number.isInteger(xi) || xi < 0) throw fail(i, 'x must be an integer >= 0');
    if (!Number.isFinite(Ti) || !Number.isFinite(txi) || txi < 0 || txi > Ti) throw fail(i, 'need 0 <= tx <= T (finite)');
    if (xi === 0 && txi !== 0) throw fail(i, 'tx must be 0 when x = 0');
    if (!Number.isFinite(ni) || ni <= 0) throw fail(i, 'weight n must be > 0');
  }
  return length;
}

/** Returns the number of groups; throws on the first invalid one. */
export function validateSpendGroups(groups: SpendGroups): number {
  const { x, zbar, n } = groups;
  const length = sameLength({ x, zbar, n });
  const fail = (i: number, rule: string): AppError =>
    badInput(`spend group ${i}: ${rule}`, { index: i, x: x[i], zbar: zbar[i], n: n[i] });
  for (let i = 0; i < length; i++) {
    const xi = x[i] as number;
    const zi = zbar[i] as number;
    const ni = n[i] as number;
    if (!Number.isInteger(xi) || xi < 1) throw fail(i, 'x must be an integer >= 1');
    if (!Number.isFinite(zi) || zi <= 0) throw fail(i, 'zbar must be > 0');
    if (!Number.isFinite(ni) || ni <= 0) throw fail(i, 'weight n must be > 0');
  }
  return length;
}

/** Model parameters must be finite and > 0 (a hand-made or corrupted set fails here, not as NaN later). */
export function validateParams(model: string, params: Record<string, number>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!Number.isFinite(value) || value <= 0) throw badInput(`${model}: parameter ${name} must be a finite number > 0`, { params });
  }
}
