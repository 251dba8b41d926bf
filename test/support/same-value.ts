/**
 * Equality of two values read from two engines' Parquet: doubles within 1e-9
 * relative (1e-12 absolute for values near zero, such as a flat month's
 * growth), since engines add in different orders; all else exactly.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), 1e-12);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
