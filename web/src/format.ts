/**
 * French formats for every figure the dashboard shows. One formatter object
 * per kind: `Intl` formatters are costly to build and cheap to reuse.
 * Missing values (null: no base for a growth rate, no purchase yet) show as
 * a dash, never as 0.
 */
type Num = number | null | undefined;

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const eurosRound = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const eurosCompact = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
// One decimal always (« 8,0 % », not « 8 % » next to « 8,3 % »): figures in a column line up and read alike.
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const month = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'short', year: 'numeric' });
// To the minute: seconds are noise when reading when something happened.
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const tenths = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const DASH = '—';
const ok = (x: Num): x is number => typeof x === 'number' && Number.isFinite(x);

export const fmt = {
  /** 1 234,56 € */
  eur: (x: Num) => (ok(x) ? euros.format(x) : DASH),
  /** 1 235 € (cards and tables of totals) */
  eur0: (x: Num) => (ok(x) ? eurosRound.format(x) : DASH),
  /** 1,2 M€ (chart axes) */
  eurShort: (x: Num) => (ok(x) ? eurosCompact.format(x) : DASH),
  int: (x: Num) => (ok(x) ? integer.format(x) : DASH),
  num: (x: Num) => (ok(x) ? decimal.format(x) : DASH),
  /** 0.123 → 12,3 % */
  pct: (x: Num) => (ok(x) ? percent.format(x) : DASH),
  /** 0.123 → +12,3 % */
  growth: (x: Num) => (ok(x) ? signedPercent.format(x) : DASH),
  seconds: (x: Num) => (ok(x) ? `${decimal.format(x)} s` : DASH),
  /** how long something took: 32,2 s; 12 min 05 s from a minute on */
  duration: (x: Num) => (ok(x) ? duration(x) : DASH),
  /** 1145 → 1 145 Mo */
  megabytes: (x: Num) => (ok(x) ? `${integer.format(x)} Mo` : DASH),
  /** 'YYYY-MM-DD' → 31/12/2025 */
  date: (iso: string | null | undefined) => (iso ? day.format(parseDay(iso)) : DASH),
  /** 'YYYY-MM-DD' → 31 décembre 2025 */
  longDate: (iso: string | null | undefined) => (iso ? longDay.format(parseDay(iso)) : DASH),
  /** 'YYYY-MM' → déc. 2025 */
  month: (ym: string | null | undefined) => (ym ? month.format(parseDay(`${ym.slice(0, 7)}-01`)) : DASH),
  /** whole months from `iso` to `now` → « il y a 11 mois », « il y a 3 jours », « aujourd’hui » */
  age: (iso: string, now = new Date()) => age(parseDay(iso), now),
  /** an ISO timestamp → 31/12/2025 14:03 (local time) */
  timestamp: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : DASH),
};

function duration(seconds: number): string {
  if (seconds < 59.95) return `${tenths.format(seconds)} s`;
  const whole = Math.round(seconds);
  return `${integer.format(Math.floor(whole / 60))} min ${String(whole % 60).padStart(2, '0')} s`;
}

const relative = new Intl.RelativeTimeFormat('fr-FR', { numeric: 'auto' });

function age(day: Date, now: Date): string {
  const days = Math.floor((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - day.getTime()) / 86_400_000);
  if (days < 31) return relative.format(-days, 'day');
  const months = (now.getFullYear() - day.getUTCFullYear()) * 12 + now.getMonth() - day.getUTCMonth() - (now.getDate() < day.getUTCDate() ? 1 : 0);
  return months < 24 ? relative.format(-months, 'month') : relative.format(-Math.floor(months / 12), 'year');
}

/** Dates of the API are calendar days: read them as UTC midnight so no time zone moves them. */
export function parseDay(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The same formats for chart tooltips and axes, which hand values over untyped. */
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const tip = {
  eur: (v: unknown) => fmt.eur0(num(v)),
  eurShort: (v: unknown) => fmt.eurShort(num(v)),
  int: (v: unknown) => fmt.int(num(v)),
  pct: (v: unknown) => fmt.pct(num(v)),
  growth: (v: unknown) => fmt.growth(num(v)),
  seconds: (v: unknown) => fmt.seconds(num(v)),
};
