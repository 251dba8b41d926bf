import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/engine.ts';
import { frCount, frEuros, frGrouped, frPercent, roundedEuros, roundedPercent } from '../../src/pipeline/gold/french.ts';

/**
 * What every Dialect must answer, whatever the engine. The DuckDB dialect
 * runs these in test/unit/dialect.test.ts, the Spark one against a real
 * server in test/integration/spark-connect.test.ts: one table of cases, so
 * the two cannot drift apart (a source row must parse the same on both).
 */

/** [text, pattern, whole text matches] */
const FULL_MATCH: [string, string, boolean][] = [
  ['12345', '[0-9]+', true],
  ['123a', '[0-9]+', false],
  ['a123', '[0-9]+', false],
  ['123\n', '[0-9]+', false],
  ['\n123', '[0-9]+', false],
  ['', '[0-9]*', true],
  ['a@b.fr', '[^@\\s]+@[^@\\s]+\\.[a-z]+', true],
  ['a b@c.fr', '[^@\\s]+@[^@\\s]+\\.[a-z]+', false],
  ['12,50', '-?[0-9]+([.,][0-9]+)?', true],
  ['50', '12|50', true],
  ['1250', '12|50', false],
  ['12|50', '12|50', false],
];

/** [text, format, DATE as YYYY-MM-DD or null]: four-digit years only, one- or two-digit day and month. */
const TRY_DATE: [string, 'iso' | 'dmy', string | null][] = [
  ['2021-01-03', 'iso', '2021-01-03'],
  [' 2021-1-3 ', 'iso', '2021-01-03'],
  ['2021-01-3', 'iso', '2021-01-03'],
  ['\t2021-01-03\n', 'iso', '2021-01-03'],
  ['\u000b2021-01-03\f', 'iso', '2021-01-03'],
  ['2020-02-29', 'iso', '2020-02-29'],
  ['0021-01-03', 'iso', '0021-01-03'],
  ['2021-02-30', 'iso', null],
  ['2019-02-29', 'iso', null],
  ['2021-13-01', 'iso', null],
  ['2021-00-10', 'iso', null],
  ['2021-01-00', 'iso', null],
  ['2021-001-03', 'iso', null],
  ['21-01-03', 'iso', null],
  ['021-01-03', 'iso', null],
  ['12021-01-03', 'iso', null],
  ['+2021-01-03', 'iso', null],
  ['2021-01-03T00:00', 'iso', null],
  ['2021-01-03 12:00:00', 'iso', null],
  ['2021-1-03x', 'iso', null],
  ['2021/01/03', 'iso', null],
  ['2021-01-03\u2028', 'iso', null],
  ['\u00a02021-01-03', 'iso', null],
  ['٢٠٢١-01-03', 'iso', null],
  ['03/01/2021', 'iso', null],
  ['garbage', 'iso', null],
  ['', 'iso', null],
  ['03/01/2021', 'dmy', '2021-01-03'],
  ['3/1/2021', 'dmy', '2021-01-03'],
  [' 29/02/2020 ', 'dmy', '2020-02-29'],
  ['03/01/0021', 'dmy', '0021-01-03'],
  ['31/02/2021', 'dmy', null],
  ['01/13/2021', 'dmy', null],
  ['3/1/21', 'dmy', null],
  ['03/01/021', 'dmy', null],
  ['003/01/2021', 'dmy', null],
  ['03-01-2021', 'dmy', null],
  ['2021-01-03', 'dmy', null],
  ['garbage', 'dmy', null],
];

/** [from, to, to − from in days] */
const DAYS_BETWEEN: [string, string, number][] = [
  ['2020-12-25', '2021-01-03', 9],
  ['2021-01-03', '2020-12-25', -9],
  ['2020-02-28', '2020-03-01', 2],
  ['2021-01-03', '2021-01-03', 0],
];

/** [date, days as SQL, date + days] */
const ADD_DAYS: [string, string, string][] = [
  ['2021-01-03', '-3', '2020-12-31'],
  ['2020-02-28', 'CAST(1 AS BIGINT)', '2020-02-29'],
  ['2021-12-31', '365', '2022-12-31'],
];

/** [day, ISO week, its Monday]: across year ends, where the ISO year is not the calendar year. */
const ISO_WEEKS: [string, string, string][] = [
  ['2021-01-03', '2020-W53', '2020-12-28'],
  ['2021-01-04', '2021-W01', '2021-01-04'],
  ['2019-12-30', '2020-W01', '2019-12-30'],
  ['2024-12-29', '2024-W52', '2024-12-23'],
  ['2026-06-10', '2026-W24', '2026-06-08'],
];

/** Registers the dialect tests for the engine `engine()` returns (opened by the caller's beforeAll). */
export function describeDialect(engineName: string, engine: () => Engine): void {
  const d = () => engine().dialect;
  const date = (iso: string) => `DATE'${iso}'`;
  const value = async (expression: string): Promise<unknown> => {
    const [row] = await engine().query(`SELECT ${expression} AS v`);
    return row?.['v'];
  };

  describe(`${engineName} dialect`, () => {
    it('fullMatch matches the whole string only', async () => {
      for (const [text, pattern, expected] of FULL_MATCH) {
        expect([text, pattern, await value(d().fullMatch(d().literal(text), pattern))]).toEqual([text, pattern, expected]);
      }
    });

    it('tryDate parses yyyy-mm-dd and dd/mm/yyyy with four-digit years, NULL for anything else', async () => {
      for (const [text, format, expected] of TRY_DATE) {
        expect([text, format, await value(d().tryDate(d().literal(text), format))]).toEqual([text, format, expected]);
      }
      expect(await value(d().tryDate('CAST(NULL AS STRING)', 'iso'))).toBeNull();
      expect(await value(d().tryDate('CAST(NULL AS STRING)', 'dmy'))).toBeNull();
    });

    it('daysBetween, addDays and monthKey', async () => {
      for (const [from, to, days] of DAYS_BETWEEN) expect(await value(d().daysBetween(date(from), date(to)))).toBe(days);
      for (const [day, days, expected] of ADD_DAYS) expect(await value(d().addDays(date(day), days))).toBe(expected);
      expect(await value(d().monthKey(date('2021-01-03')))).toBe('2021-01');
      expect(await value(d().monthKey(date('0999-12-31')))).toBe('0999-12');
    });

    it('isoWeekKey and weekStart follow ISO-8601 across year ends', async () => {
      for (const [day, week, monday] of ISO_WEEKS) {
        expect([day, await value(d().isoWeekKey(date(day))), await value(d().weekStart(date(day)))]).toEqual([day, week, monday]);
      }
    });

    it('dateSeries lists every day inclusive, and nothing when start > end', async () => {
      const series = (a: string, b: string) =>
        engine().query(`SELECT ${d().quote('date')} FROM ${d().dateSeries(date(a), date(b))} ORDER BY 1`);
      expect(await series('2020-12-30', '2021-01-02')).toEqual(
        ['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02'].map((day) => ({ date: day })),
      );
      expect(await series('2021-01-02', '2021-01-02')).toEqual([{ date: '2021-01-02' }]);
      expect(await series('2021-01-03', '2021-01-02')).toEqual([]);
    });

    it('dayMonthYear writes dd/mm/yyyy', async () => {
      expect(await value(d().dayMonthYear(date('2024-03-04')))).toBe('04/03/2024');
      expect(await value(d().dayMonthYear(date('2025-12-31')))).toBe('31/12/2025');
    });

    it('the French figures of the call list read alike on both engines', async () => {
      const cases = [
        [0, '0'], [7, '7'], [999, '999'], [1000, '1 000'], [2340, '2 340'], [100005, '100 005'], [1234567, '1 234 567'],
        [1000000000, '1 000 000 000'], [987654321012, '987 654 321 012'], [-1234, '-1 234'], [-12, '-12'],
      ] as const;
      for (const [n, text] of cases) {
        expect([n, await value(frGrouped(`CAST(${n} AS BIGINT)`))]).toEqual([n, text.replace(/ /g, '\u202f')]);
      }
      expect(await value(frEuros(roundedEuros('2751.4999999'))), 'to the cent, then to the euro').toBe('2\u202f752\u00a0€');
      expect(await value(frPercent(roundedPercent('0.234')))).toBe('23\u00a0%');
      expect(await value(frCount('CAST(1 AS BIGINT)', 'achat'))).toBe('1 achat');
      expect(await value(frCount('CAST(3 AS BIGINT)', 'achat'))).toBe('3 achats');
    });

    it('quote and literal survive keywords, quotes, backticks and backslashes', async () => {
      const rows = await engine().query(
        `SELECT 1 AS ${d().quote('date')}, 2 AS ${d().quote('min')}, 3 AS ${d().quote('we`i"rd')}, ${d().literal(`it's a \\d`)} AS s`,
      );
      expect(rows).toEqual([{ date: 1, min: 2, 'we`i"rd': 3, s: `it's a \\d` }]);
    });
  });
}
