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

/** `sameValue` through arrays and objects (two engines' answers, as JSON): the same shape, every leaf the same value. */
export function sameDeep(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameDeep(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => k in a && k in b && sameDeep(a[k], b[k]));
  }
  return sameValue(a, b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
