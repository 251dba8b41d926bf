import { isAppError } from '../../core/errors.ts';
import type { ColumnData, Row } from '../../engines/engine.ts';
import {
  DEFAULT_VARIANT,
  fitBgNbd,
  fitGammaGamma,
  populationMeanSpend,
  scoreBgNbd,
  scoreGammaGamma,
  type BgNbdParams,
  type BgNbdVariant,
  type FitResult,
  type GammaGammaParams,
  type RfmGroups,
  type SpendGroups,
} from './index.ts';
import { timedSync } from '../../core/stopwatch.ts';

/** 12 months in the groups' time unit (days): the 365-day window of docs/contract/dates.md. */
export const HORIZON_DAYS = 365;

/** Scores of every (x, t_x, t_age) and (x, zbar_cents) group, ready for `Engine.loadRows`. */
export interface BtydGroupScores {
  rfm: ColumnData[];
  spend: ColumnData[];
  /** Mean spend per purchase of a client without repeat purchases: p·v/(q−1), or the limit's mean. */
  populationSpend: number;
  params: Record<string, number | string>;
  metrics: Record<string, number>;
}

/**
 * Fits MBG/NBD on the (x, t_x, t_age, n) groups and Gamma-Gamma (or its
 * no-heterogeneity limit, see fitSpend) on the (x, zbar_cents, n) groups
 * the engine computed, and scores every group.
 * Throws the library's BAD_INPUT errors (no repeat buyers, one profile, no
 * interior maximum, infinite mean) for the caller to fall back on.
 */
export function fitAndScoreGroups(rfmRows: readonly Row[], spendRows: readonly Row[], variant: BgNbdVariant = DEFAULT_VARIANT): BtydGroupScores {
  const metrics: Record<string, number> = {};
  const timed = <T>(step: string, action: () => T): T => {
    const { result, seconds } = timedSync(action);
    metrics[`seconds_${step}`] = seconds;
    return result;
  };

  const rfm = toRfmGroups(rfmRows);
  const spend = toSpendGroups(spendRows);
  const bg = timed('fit_bgnbd', () => fitBgNbd(rfm, { variant }));
  const gg = timed('fit_gamma_gamma', () => fitSpend(spend));
  const populationSpend = 'params' in gg ? populationMeanSpend(gg.params) : gg.meanSpend;
  const scores = timed('score', () => {
    const purchases = scoreBgNbd(bg.params, rfm, HORIZON_DAYS);
    const expectedSpend = 'params' in gg ? scoreGammaGamma(gg.params, spend) : new Float64Array(spend.x.length).fill(gg.meanSpend);
    return { purchases, ifAlive: purchasesIfAlive(bg.params, rfm, purchases), spend: expectedSpend };
  });

  Object.assign(metrics, {
    bgnbd_log_likelihood: bg.logLikelihood,
    bgnbd_iterations: bg.iterations,
    bgnbd_customers: bg.customers,
    bgnbd_groups: bg.groups,
    ...('params' in gg
      ? {
          gamma_gamma_log_likelihood: gg.logLikelihood,
          gamma_gamma_iterations: gg.iterations,
          gamma_gamma_customers: gg.customers,
          gamma_gamma_groups: gg.groups,
        }
      : {}),
  });
  return {
    rfm: [
      { name: 'x', type: 'integer', values: rfm.x },
      { name: 't_x', type: 'integer', values: rfm.tx },
      { name: 't_age', type: 'integer', values: rfm.T },
      { name: 'p_alive', type: 'double', values: scores.purchases.pAlive },
      { name: 'prob_purchase', type: 'double', values: scores.purchases.probPurchase },
      { name: 'expected_purchases', type: 'double', values: scores.purchases.expectedPurchases },
      { name: 'purchases_if_alive', type: 'double', values: scores.ifAlive },
    ],
    spend: [
      { name: 'x', type: 'integer', values: spend.x },
      { name: 'zbar_cents', type: 'integer', values: spendRows.map((r) => Number(r['zbar_cents'])) },
      { name: 'expected_spend', type: 'double', values: scores.spend },
    ],
    populationSpend,
    params: {
      variant: bg.params.variant,
      time_unit: 'day',
      horizon_days: HORIZON_DAYS,
      r: bg.params.r,
      alpha: bg.params.alpha,
      a: bg.params.a,
      b: bg.params.b,
      ...('params' in gg
        ? { spend_model: 'gamma_gamma', p: gg.params.p, q: gg.params.q, v: gg.params.v }
        : { spend_model: 'mean_repeat_spend', spend_fallback: gg.reason }),
    },
    metrics,
  };
}

/** Why Gamma-Gamma may be unidentifiable on a history, yet its limit still answers (see fitSpend). */
const SPEND_LIMIT_REASONS = new Set(['no_interior_maximum', 'single_profile']);

/**
 * Gamma-Gamma, or its no-heterogeneity limit. When the clients' mean spends
 * vary no more than single purchases do, the likelihood rises towards
 * q, v → ∞ (every client has the same spend rate) and has no interior
 * maximum; the model's own limit is then E[Z | x, zbar] = the population
 * mean spend per purchase, estimated by the mean repeat-purchase spend.
 * Other failures (infinite mean, no repeat buyers) are thrown.
 */
function fitSpend(groups: SpendGroups): FitResult<GammaGammaParams> | { meanSpend: number; reason: string } {
  try {
    return fitGammaGamma(groups);
  } catch (error) {
    const reason = isAppError(error) ? String(error.details?.['reason'] ?? '') : '';
    if (!SPEND_LIMIT_REASONS.has(reason)) throw error;
    let spend = 0;
    let purchases = 0;
    groups.x.forEach((x, i) => {
      const weight = x * (groups.n[i] as number);
      spend += weight * (groups.zbar[i] as number);
      purchases += weight;
    });
    return { meanSpend: spend / purchases, reason };
  }
}

function toRfmGroups(rows: readonly Row[]): RfmGroups {
  const column = (key: string) => Float64Array.from(rows, (r) => Number(r[key]));
  return { x: column('x'), tx: column('t_x'), T: column('t_age'), n: column('n') };
}

function toSpendGroups(rows: readonly Row[]): SpendGroups {
  return {
    x: Float64Array.from(rows, (r) => Number(r['x'])),
    zbar: Float64Array.from(rows, (r) => Number(r['zbar_cents']) / 100),
    n: Float64Array.from(rows, (r) => Number(r['n'])),
  };
}

/**
 * E[X(365) | alive]: what the client would buy next year if still active,
 * for value at risk. It is E[X] / P(alive), but P(alive) of a long-silent
 * frequent buyer can underflow to 0 (0 / 0). The alive part of E[X] does not
 * depend on t_x, so for x > 0 the same client is scored with t_x = t_age,
 * where P(alive) = 1 / (1 + a/(b+x+s−1)) is bounded away from 0. For x = 0
 * (t_x must stay 0) P(alive) is at least 1 / (1 + a/(b+s−1)·((α+T)/α)^r),
 * never close to 0 at retail ages, so the plain ratio is safe.
 */
function purchasesIfAlive(params: BgNbdParams, groups: RfmGroups, scores: ReturnType<typeof scoreBgNbd>): Float64Array {
  const atLastPurchase: RfmGroups = { ...groups, tx: groups.x.map((x, i) => (x > 0 ? (groups.T[i] as number) : 0)) };
  const fresh = scoreBgNbd(params, atLastPurchase, HORIZON_DAYS);
  return fresh.expectedPurchases.map((e, i) =>
    (groups.x[i] as number) > 0 ? e / (fresh.pAlive[i] as number) : (scores.expectedPurchases[i] as number) / (scores.pAlive[i] as number),
  );
}
