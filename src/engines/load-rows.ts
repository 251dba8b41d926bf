import { AppError } from '../core/errors.ts';
import type { ColumnData } from './engine.ts';

/**
 * Checks what `Engine.loadRows` receives before either engine writes it: the
 * rows come from our own code (model scores), so a mismatch is a bug and
 * fails loudly instead of loading a shifted or truncated table. A double
 * must be finite: NaN or Infinity in a score is a bug, never data.
 * Returns the row count.
 */
export function checkedRowCount(columns: readonly ColumnData[]): number {
  const rowCount = columns[0]?.values.length ?? 0;
  for (const column of columns) {
    if (column.values.length !== rowCount) {
      throw new AppError('INTERNAL', `loadRows: column ${column.name} has ${column.values.length} values, expected ${rowCount}`);
    }
    for (let i = 0; i < column.values.length; i++) {
      const value = column.values[i] ?? null;
      if (value === null) continue;
      const ok =
        column.type === 'string'
          ? typeof value === 'string'
          : column.type === 'double'
            ? Number.isFinite(value)
            : Number.isSafeInteger(value);
      if (!ok) throw new AppError('INTERNAL', `loadRows: column ${column.name}, row ${i}: ${String(value)} is not of type ${column.type}`);
    }
  }
  return rowCount;
}
