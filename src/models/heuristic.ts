import type { ModelFit, ScoringModel } from '../pipeline/scoring.ts';
import { dateLiteral } from '../engines/dialect.ts';

/**
 * The seed's RFM heuristic, kept as the baseline a probabilistic model must beat.
 *
 *   prob_reachat_12m   = 0.02 + 0.88 × 2^(−recency_days / 365) × (1 − e^(−total_orders_all / 2))
 *                        (0.02 for a client who never bought: the base rate of a first purchase)
 *   expected_value_12m = prob_reachat_12m × average basket (the client's, or the shop's if none)
 *   value_at_risk_12m  = (1 − prob_reachat_12m) × max(monetary_12m, average basket of the client)
 *
 * Recency halves the chance every year without a purchase; frequency raises
 * it towards the cap. Value at risk is what the client spends in a year
 * (at least one basket) times the chance they do not come back.
 */
export const BASE_RATE = 0.02;
export const CAP = 0.9;
const HALF_LIFE_DAYS = 365;
const FREQUENCY_SCALE = 2;

/** The formula's constants, as the parameters a tracked run records. */
const PARAMS = { base_rate: BASE_RATE, cap: CAP, recency_half_life_days: HALF_LIFE_DAYS, frequency_scale_orders: FREQUENCY_SCALE } as const;

export const heuristicModel: ScoringModel = {
  name: 'heuristic',
  async scoresSql({ engine, asOf }) {
    const prob = `CASE WHEN total_orders_all = 0 OR recency_days IS NULL THEN ${BASE_RATE}
      ELSE ${BASE_RATE} + ${CAP - BASE_RATE} * exp(-ln(2) * recency_days / ${HALF_LIFE_DAYS}.0) * (1 - exp(-total_orders_all / ${FREQUENCY_SCALE}.0)) END`;
    const fit: ModelFit = { scoredBy: 'heuristic', params: PARAMS, metrics: {} };
    const sql = `SELECT id_client,
        CAST(${prob} AS DOUBLE) AS prob_reachat_12m,
        CAST((${prob}) * coalesce(avg_order_value_all, (SELECT avg(montant) FROM fact_achats WHERE date_achat <= ${dateLiteral(engine.dialect, asOf)}), 0) AS DOUBLE) AS expected_value_12m,
        CAST((1 - (${prob})) * greatest(monetary_12m, coalesce(avg_order_value_all, 0)) AS DOUBLE) AS value_at_risk_12m
      FROM client_features`;
    return { sql, label: 'heuristic', fit };
  },
};
