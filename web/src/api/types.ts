/**
 * What the API returns. Row types come from the gold contract itself
 * (`src/core/schema.ts`, type-only: nothing of the server is bundled), so a
 * renamed column breaks the dashboard's type check instead of a page.
 */
import type { ColumnType, GOLD_SCHEMA, GoldTableName } from '../../../src/core/schema.ts';
import type { RunManifest } from '../../../src/pipeline/manifest.ts';
import type { CheckReport } from '../../../src/pipeline/check/run-checks.ts';
import type { BenchReport } from '../../../src/bench/pipeline-bench.ts';
import type { RunRecord } from '../../../src/tracking/tracker.ts';
import type { Envelope as ServerEnvelope, Meta } from '../../../src/api/route.ts';

type Value<T extends ColumnType> = T extends 'integer' | 'double' ? number : T extends 'boolean' ? boolean : string;

/** One row of a gold table; any value may be null (docs/contract/gold-tables.md says which). */
export type Row<T extends GoldTableName> = {
  [K in keyof (typeof GOLD_SCHEMA)[T]['columns']]: (typeof GOLD_SCHEMA)[T]['columns'][K] extends ColumnType
    ? Value<(typeof GOLD_SCHEMA)[T]['columns'][K]> | null
    : never;
};

export type Kpis = Row<'kpis'>;
export type MonthlyRow = Row<'ca_monthly'>;
export type GrowthRow = Row<'monthly_growth'>;
export type CountryRow = Row<'ca_country'>;
export type ProductRow = Row<'ca_product'>;
export type DistributionRow = Row<'distribution'>;
export type DailyRow = Row<'daily'>;
export type WeeklyRow = Row<'weekly'>;
export type SegmentRow = Row<'segment_summary'>;
export type CohortRow = Row<'cohort_first_purchase'>;

/** `/scores` rows: the scores, plus the name and country the API joins in (a sales team calls a name, not an id). */
export type ScoreRow = Row<'client_scores'> & { nom: string | null; pays: string | null };

export type { RunManifest, CheckReport, BenchReport };

/**
 * `/runs/latest`: the current snapshot's manifest (with when it was
 * committed), completed by its run's record. A lake whose record is missing
 * has no end time (empty), no `total` in `timings_s` and no peak memory (0 or absent).
 */
export type LatestRun = Omit<RunManifest, 'peak_rss_mb'> & { peak_rss_mb?: number; committed_at?: string };

/** `/health`: which publication the API serves; its `as_of` is the date the dashboard's figures describe. */
export interface Health {
  status: string;
  store: string;
  run_id: string | null;
  as_of: string | null;
  published_at: string | null;
  /** The last unattended refresh (`electrolake refresh`/`watch`); null when never refreshed. */
  refresh?: {
    last_success_at: string | null;
    last_attempt_at: string;
    last_attempt_failed: boolean;
    failed_step: string | null;
  } | null;
}

/** What the call list suggests doing with a client (`call_list.action`). */
export type CallAction = 'relancer' | 'fideliser' | 'developper' | 'convertir' | 'reactiver';

/** `/call_list` rows: whom to call, in order (`rank` in the whole list), and why. */
export type CallRow = Row<'call_list'>;

/** One valid purchase of a client (`/clients/{id}`), newest first. */
export interface Purchase {
  id_achat: number;
  date_achat: string;
  montant: number;
  produit: string | null;
}

/** `/clients/{id}`: identity, contact, features, scores, segment, the call list's action and reason (null when not on it), every purchase. */
export type ClientDetail = Pick<Row<'dim_clients'>, 'nom' | 'email' | 'pays' | 'date_inscription' | 'first_purchase_date' | 'last_purchase_date'> & {
  id_client: number;
  segment_label: string | null;
  features: Partial<Pick<Row<'client_features'>, 'freq_12m' | 'monetary_12m' | 'recency_days' | 'total_orders_all' | 'total_spend_all' | 'avg_order_value_all'>>;
  scores: Pick<Row<'client_scores'>, 'prob_reachat_12m' | 'expected_value_12m' | 'value_at_risk_12m'>;
  action: CallAction | null;
  rank: number | null;
  reason: string | null;
  purchases: Purchase[];
};

/** `/clients?q=`: the clients a search finds. */
export interface ClientHit {
  id_client: number;
  nom: string | null;
  pays?: string | null;
  email?: string | null;
  segment_label?: string | null;
}

/** A tracked model run (`/models`, from MLflow or the lake's local runs), most recent first: the tracker's record plus the model it scored with. */
export type ModelRun = RunRecord & {
  /** the predictor's model for a predictor run, the run name otherwise */
  model: string;
  /** the predictor run the served lake scores with (at most one); absent from an older API */
  chosen?: boolean;
};

/** The server's answer (`{data, meta}`, src/api/route.ts), its `data` typed by the endpoint. */
export type Envelope<T> = Omit<ServerEnvelope, 'data'> & { data: T };
export type { Meta };
