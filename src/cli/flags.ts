import { InvalidArgumentError } from 'commander';
import { ENGINE_NAMES } from '../core/defaults.ts';

// The command line's flag parsers and command loader: each parser turns the
// flag's text into its value or throws commander's one-line error.

export const positiveNumber = numberFlag('a positive number', { above: 0 });
export const nonNegativeNumber = numberFlag('a number, 0 or more', { min: 0 });
export const positiveInteger = numberFlag('a whole number ≥ 1', { integer: true, min: 1 });
export const integer = numberFlag('an integer', { integer: true });
export const port = numberFlag('a port number, 0 to 65535', { integer: true, min: 0, max: 65_535 });
export const rate = numberFlag('a rate between 0 and 1', { min: 0, max: 1 });

/** Loads a command module when it runs; its default export receives the parsed options. */
export function lazy(load: () => Promise<{ default: (options: never) => Promise<void> }>) {
  return async (options: unknown): Promise<void> => {
    const command = await load();
    await command.default(options as never);
  };
}

export function list<T>(parse: (value: string) => T): (value: string) => T[] {
  return (value) => value.split(',').map((v) => parse(v.trim()));
}

/** The engines, plus the Python peers the bench compares them with. */
export const BENCH_ENGINES: readonly string[] = [...ENGINE_NAMES, 'pandas', 'polars'];

export function benchEngineName(value: string): string {
  if (!BENCH_ENGINES.includes(value)) throw new InvalidArgumentError(`expected ${BENCH_ENGINES.join(', ')}`);
  return value;
}

/**
 * The one parser of numeric flags: `rule` says which numbers a flag takes,
 * `expected` says it in the one-line error.
 */
export function numberFlag(expected: string, rule: { integer?: boolean; min?: number; above?: number; max?: number } = {}): (value: string) => number {
  return (value) => {
    const n = Number(value);
    const ok =
      value.trim() !== '' &&
      Number.isFinite(n) &&
      (!rule.integer || Number.isInteger(n)) &&
      (rule.min === undefined || n >= rule.min) &&
      (rule.above === undefined || n > rule.above) &&
      (rule.max === undefined || n <= rule.max);
    if (!ok) throw new InvalidArgumentError(`expected ${expected}`);
    return n;
  };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function isoDateOrTime(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T[0-9:.]+Z?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ');
  }
  return value;
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  }
  return value;
}
