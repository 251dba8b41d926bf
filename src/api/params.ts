import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Filter } from '../serving/store.ts';
import { shown } from './errors.ts';

/**
 * Query and path parameters: zod schemas (also the source of the OpenAPI
 * parameters) and one parser that turns the first problem into an AppError
 * BAD_INPUT naming the parameter, so every 400 says which one is wrong.
 */
export const isoDate = () => z.iso.date({ error: 'expected a date YYYY-MM-DD' });

export const isoMonth = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month YYYY-MM' });

/** A month, given as YYYY-MM or as any date of it (YYYY-MM-DD), so a date range works on monthly tables too. */
export const monthOrDate = () =>
  z
    .union([isoMonth(), isoDate()], { error: 'expected a month YYYY-MM or a date YYYY-MM-DD' })
    .transform((v) => v.slice(0, 7));

/**
 * Numbers are strict: digits only for an integer (no sign, exponent, hex
 * or blank), a plain decimal for a fraction; an empty value is an error,
 * never 0. The OpenAPI document shows the number and its bounds.
 */
export function integer(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max} (digits only)`;
  return z
    .string({ error })
    .regex(/^(0|[1-9][0-9]{0,15})$/, { error })
    .transform(Number)
    .pipe(z.number().int({ error }).min(min, { error }).max(max, { error }))
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined });
}

/** A probability: a plain decimal from 0 to 1 (`0`, `0.25`, `1`, `1.0`), nothing else. */
export function probability() {
  const error = 'expected a decimal number from 0 to 1, like 0.25';
  return z.string({ error }).regex(PROBABILITY, { error }).transform(Number).meta({ type: 'string', pattern: PROBABILITY.source });
}

const PROBABILITY = /^(0(\.[0-9]{1,15})?|1(\.0{1,15})?)$/;

/**
 * `a,b,c` → a list, each value checked by `item` (no blank item, no
 * trimming); `itemPattern` is the same rule as a regular expression, for
 * the OpenAPI document.
 */
export function commaList<T extends z.ZodType<string, string>>(item: T, itemPattern: string) {
  return z
    .string()
    .max(2_000, { error: 'at most 2000 characters' })
    .transform((s) => s.split(','))
    .pipe(z.array(item).min(1))
    .meta({ type: 'string', maxLength: 2_000, pattern: `^(${itemPattern})(,(${itemPattern}))*$` });
}

/** The fields of a date or month range: `from` and `to`, both optional and included. */
export function rangeShape<T extends z.ZodType<string>>(bound: () => T, what: string) {
  return {
    from: bound().optional().describe(`first ${what} included`),
    to: bound().optional().describe(`last ${what} included`),
  };
}

/** Adds the check that `from` is not after `to` (ISO dates and months compare as text). */
export function withRange<T extends z.ZodObject>(schema: T) {
  return schema.refine(
    (r: { from?: string; to?: string }) => r.from === undefined || r.to === undefined || r.from <= r.to,
    { path: ['from'], error: 'must not be after to' },
  );
}

/** A parsed `from`..`to` range as store filters on `field` (both bounds included). */
export function rangeFilters(field: string, range: { from?: string | undefined; to?: string | undefined }): Filter[] {
  const filters: Filter[] = [];
  if (range.from !== undefined) filters.push({ field, op: 'gte', value: range.from });
  if (range.to !== undefined) filters.push({ field, op: 'lte', value: range.to });
  return filters;
}

export function parseInput<T extends z.ZodType>(schema: T, raw: Record<string, string>, where: 'query' | 'path'): z.output<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new AppError('BAD_INPUT', `bad ${where} parameters`);
  if (issue.code === 'unrecognized_keys') {
    const parameter = shown(issue.keys[0] ?? '?');
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
    throw new AppError('BAD_INPUT', `unknown parameter '${parameter}'${allowed.length ? ` (expected ${allowed.join(', ')})` : ' (this endpoint takes none)'}`, {
      details: { parameter, in: where, allowed },
    });
  }
  // The bad value is shown once (in details), cut to 100 characters.
  const parameter = String(issue.path[0] ?? '?');
  const value = raw[parameter];
  throw new AppError('BAD_INPUT', `bad parameter '${parameter}': ${issue.message}`, {
    details: { parameter, in: where, ...(value !== undefined ? { value: shown(value) } : {}), issue: issue.message },
  });
}
