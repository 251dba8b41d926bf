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

type Value<T extends ColumnType> = T extends 'integer' | 'double' ? number : T extends 'boolean' ? boolean : string;

/** One row of a gold table; any value may be null (SPEC §4 lets several be). */
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

/** `/scores` rows: the scores, plus the identity columns when the API joins them in (a sales team calls a name, not an id). */
export type ScoreRow = Row<'client_scores'> & { nom?: string | null; email?: string | null; pays?: string | null };

export type { RunManifest, CheckReport, BenchReport };

/** A tracked model run (`/models`, from MLflow or the lake's local runs), most recent first: the tracker's record plus the model it scored with. */
export type ModelRun = RunRecord & {
  /** the predictor's model for a predictor run, the run name otherwise */
  model: string;
};

export interface Meta {
  query_ms: number;
  /** Rows of the answer; for `/scores`, every client matching the filters (before paging). */
  count: number;
  as_of: string | null;
  source: string;
}

export interface Envelope<T> {
  data: T;
  meta: Meta;
}
