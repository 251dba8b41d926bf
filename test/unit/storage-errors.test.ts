/**
 * A full disk, a read-only file system or a refused permission is exit 4
 * (IO) whichever layer meets it (issue 13): Node's file calls, the engines'
 * writes, the lake's commit. The real full disk and read-only lake are in
 * test/integration/storage-errors.test.ts; here, every errno and engine
 * wording the mapping knows.
 */
import { describe, expect, it } from 'vitest';
import { AppError, toAppError } from '../../src/core/errors.ts';

function errno(code: string, message: string, extra: Partial<NodeJS.ErrnoException> = {}): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('storage failures map to IO (exit 4)', () => {
  it.each(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'])('a Node %s', (code) => {
    const error = toAppError(errno(code, `${code}: something, open '/lake/x'`, { syscall: 'open', path: '/lake/x' }));
    expect([error.code, error.exitCode]).toEqual(['IO', 4]);
    expect(error.message).toMatch(new RegExp(`\\(${code}\\): open '/lake/x'$`));
  });

  it('EROFS says read-only', () => {
    expect(toAppError(errno('EROFS', 'EROFS: read-only file system, mkdir')).message).toMatch(/read-only/);
  });

  it.each([
    'DuckDB: IO Error: Could not write file "/lake/versions/x/gold/kpis.parquet": No space left on device',
    'Spark: java.io.IOException: No space left on device',
    'DuckDB: IO Error: Cannot open file "/lake/serving/gold.duckdb.tmp-1": Read-only file system',
    'Spark: java.nio.file.AccessDeniedException: /lake/x: Permission denied',
  ])('an engine error worded as a storage failure: %s', (message) => {
    const error = toAppError(new AppError('ENGINE', message));
    expect([error.code, error.exitCode, error.message]).toEqual(['IO', 4, message]);
  });

  it('a storage failure underneath another error (its cause)', () => {
    const wrapped = new AppError('INTERNAL', 'commit failed', { cause: errno('ENOSPC', 'ENOSPC: no space left on device, write') });
    expect(toAppError(wrapped).exitCode).toBe(4);
  });

  it('other errors keep their code', () => {
    expect(toAppError(new AppError('ENGINE', 'DuckDB: Binder Error: column x not found')).exitCode).toBe(5);
    expect(toAppError(errno('ENOENT', 'ENOENT: no such file')).exitCode).toBe(70);
    expect(toAppError(new AppError('BAD_INPUT', 'wrong separator')).exitCode).toBe(2);
  });
});
