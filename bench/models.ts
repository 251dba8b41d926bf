/**
 * Bench of the BTYD library at 1,000,000 customers (npm run bench:models).
 *
 * Simulates a seeded MBG/NBD + Gamma-Gamma population with ages spread over
 * three years (times in whole days, as the engine will compute them), groups
 * it the way the engine's GROUP BY will, then fits and scores. Runs twice:
 * day resolution, and the same customers with times rounded to whole weeks,
 * to see what coarser grouping buys and costs.
 *
 * Usage: tsx bench/models.ts [customers=1000000] [seed=20240607]
 */
import { bgnbdScore, fitBgNbd, fitGammaGamma, rfmGroups, scoreBgNbd, scoreGammaGamma, spendGroups } from '../src/models/btyd/index.ts';
import type { BgNbdParams, GammaGammaParams, RfmGroups } from '../src/models/btyd/index.ts';
import { simulateCustomers } from '../test/support/btyd/simulate.ts';
import { timedSync } from '../src/core/stopwatch.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 20240607);
const DAYS_PER_WEEK = 7;
const HORIZON_DAYS = 365;

// Truth: the CDNOW MBG/NBD and Gamma-Gamma fits, α converted from weeks to days.
const TRUTH: BgNbdParams = { variant: 'mbg', r: 0.525, alpha: 6.183 * DAYS_PER_WEEK, a: 0.891, b: 1.614 };
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, v: 15.44 };

const timings: { step: string; seconds: number; note: string }[] = [];
function timed<T>(step: string, action: () => T, note: (result: T) => string = () => ''): T {
  const { result, seconds } = timedSync(action);
  timings.push({ step, seconds, note: note(result) });
  return result;
}

const fmt = (value: number, digits = 3): string => value.toFixed(digits);
const paramsText = (p: BgNbdParams, alphaToDays = 1): string =>
  `r ${fmt(p.r)}  α ${fmt(p.alpha * alphaToDays, 2)} (days)  a ${fmt(p.a)}  b ${fmt(p.b)}`;

const sim = timed(
  'simulate (setup)',
  () => simulateCustomers({ customers, bgnbd: TRUTH, spend: SPEND, maxAge: 3 * 365, seed }),
  () => `${customers.toLocaleString('en')} customers, seed ${seed}`,
);
// Whole days, as `date_diff('day', …)` in SQL gives them.
const txDays = sim.tx.map(Math.floor);
const TDays = sim.T.map(Math.floor);

function rows(scale: number, round: (t: number) => number) {
  return Array.from({ length: customers }, (_, i) => ({
    x: sim.x[i] as number,
    tx: round((txDays[i] as number) / scale),
    T: round((TDays[i] as number) / scale),
  }));
}

function fitAndScore(label: string, groups: RfmGroups, horizon: number, alphaToDays: number): BgNbdParams {
  const fit = timed(`${label}: fit MBG/NBD`, () => fitBgNbd(groups, { variant: 'mbg' }), (f) => `${f.iterations} iterations, ${paramsText(f.params, alphaToDays)}`);
  const scores = timed(`${label}: score groups`, () => scoreBgNbd(fit.params, groups, horizon), () => `horizon ${fmt(horizon, 2)} (= 365 days)`);
  // Expected purchases in the next year summed over customers (weights).
  let expected = 0;
  scores.expectedPurchases.forEach((e, i) => (expected += e * (groups.n[i] as number)));
  timings.push({ step: `${label}: Σ E[X(365 d)]`, seconds: Number.NaN, note: fmt(expected, 0) });
  return fit.params;
}

const dayGroups = timed('days: group (x, tx, T)', () => rfmGroups(rows(1, (t) => t)), (g) => `${g.x.length.toLocaleString('en')} groups`);
const dayParams = fitAndScore('days', dayGroups, HORIZON_DAYS, 1);

const weekGroups = timed(
  'weeks: group (x, round(tx/7), round(T/7))',
  () => rfmGroups(rows(DAYS_PER_WEEK, Math.round)),
  (g) => `${g.x.length.toLocaleString('en')} groups`,
);
const weekParams = fitAndScore('weeks', weekGroups, HORIZON_DAYS / DAYS_PER_WEEK, DAYS_PER_WEEK);

// What week rounding does to individual customers: every 100th customer scored both ways.
let maxProbGap = 0;
let maxExpectedGap = 0;
for (let i = 0; i < customers; i += 100) {
  const x = sim.x[i] as number;
  const tx = txDays[i] as number;
  const T = TDays[i] as number;
  const byDay = bgnbdScore(dayParams, { x, tx, T }, HORIZON_DAYS);
  const week = (t: number): number => Math.round(t / DAYS_PER_WEEK);
  const byWeek = bgnbdScore(weekParams, { x, tx: week(tx), T: week(T) }, HORIZON_DAYS / DAYS_PER_WEEK);
  maxProbGap = Math.max(maxProbGap, Math.abs(byDay.probPurchase - byWeek.probPurchase));
  maxExpectedGap = Math.max(maxExpectedGap, Math.abs(byDay.expectedPurchases - byWeek.expectedPurchases));
}
timings.push({
  step: 'days vs weeks, per customer (1 in 100)',
  seconds: Number.NaN,
  note: `max |Δ P(buy in 365 d)| ${fmt(maxProbGap, 4)}, max |Δ E[X(365 d)]| ${fmt(maxExpectedGap, 4)}`,
});

const spend = timed(
  'spend: group (x, zbar to cents), x > 0',
  () => spendGroups(Array.from({ length: customers }, (_, i) => ({ x: sim.x[i] as number, zbar: sim.zbar[i] as number }))),
  (g) => `${g.x.length.toLocaleString('en')} groups`,
);
const gg = timed('spend: fit Gamma-Gamma', () => fitGammaGamma(spend), (f) => `${f.customers.toLocaleString('en')} repeat customers, ${f.iterations} iterations, p ${fmt(f.params.p)} q ${fmt(f.params.q)} v ${fmt(f.params.v)}`);
timed('spend: score groups', () => scoreGammaGamma(gg.params, spend));

const sum = (prefix: string, steps: string[]): number =>
  timings.filter((t) => t.step.startsWith(prefix) && steps.some((s) => t.step.endsWith(s))).reduce((acc, t) => acc + t.seconds, 0);
const dayFitScore = sum('days', ['fit MBG/NBD', 'score groups']) + sum('spend', ['fit Gamma-Gamma', 'score groups']);
const weekFitScore = sum('weeks', ['fit MBG/NBD', 'score groups']) + sum('spend', ['fit Gamma-Gamma', 'score groups']);

console.log(`truth: ${paramsText(TRUTH)}; spend p ${SPEND.p} q ${SPEND.q} v ${SPEND.v}`);
for (const t of timings) {
  console.log(`${t.step.padEnd(44)} ${Number.isNaN(t.seconds) ? '        ' : `${fmt(t.seconds, 2).padStart(6)} s`}  ${t.note}`);
}
console.log(`fit + score (MBG/NBD + Gamma-Gamma), day groups:  ${fmt(dayFitScore, 2)} s`);
console.log(`fit + score (MBG/NBD + Gamma-Gamma), week groups: ${fmt(weekFitScore, 2)} s`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
