import { get } from './client.ts';
import type {
  BenchReport, CallRow, CheckReport, ClientDetail, ClientHit, CohortRow, CountryRow, DailyRow, DistributionRow, GrowthRow,
  Health, Kpis, LatestRun, ModelRun, MonthlyRow, ProductRow, ScoreRow, SegmentRow, WeeklyRow,
} from './types.ts';

/**
 * Every endpoint the dashboard reads, with the API's parameter names in
 * this one place.
 */
export interface DateRange {
  /** `YYYY-MM-DD`, inclusive */
  from?: string;
  to?: string;
}

export interface ScoresQuery {
  segment?: string;
  pays?: string;
  /** 0 to 1 */
  minProb?: number;
  /** a column of `client_scores`, `-` in front for descending */
  sort?: string;
  limit: number;
  offset: number;
}

export interface CallListQuery {
  action?: string;
  segment?: string;
  pays?: string;
  limit: number;
  offset: number;
}

type Signal = AbortSignal | undefined;

export const api = {
  health: (s?: Signal) => get<Health>('/health', {}, s),
  kpis: (s?: Signal) => get<Kpis>('/kpis', {}, s),
  monthly: (r: DateRange = {}, s?: Signal) => get<MonthlyRow[]>('/monthly', range(r), s),
  monthlyGrowth: (s?: Signal) => get<GrowthRow[]>('/monthly_growth', {}, s),
  byCountry: (s?: Signal) => get<CountryRow[]>('/by_country', {}, s),
  byProduct: (s?: Signal) => get<ProductRow[]>('/by_product', {}, s),
  distribution: (s?: Signal) => get<DistributionRow[]>('/distribution', {}, s),
  daily: (r: DateRange, s?: Signal) => get<DailyRow[]>('/daily', range(r), s),
  weekly: (r: DateRange, s?: Signal) => get<WeeklyRow[]>('/weekly', range(r), s),
  segments: (s?: Signal) => get<SegmentRow[]>('/segments', {}, s),
  scores: (q: ScoresQuery, s?: Signal) =>
    get<ScoreRow[]>('/scores', {
      segment: q.segment, pays: q.pays, min_prob: q.minProb, sort: q.sort, limit: q.limit, offset: q.offset,
    }, s),
  callList: (q: CallListQuery, s?: Signal) =>
    get<CallRow[]>('/call_list', { action: q.action, segment: q.segment, pays: q.pays, limit: q.limit, offset: q.offset }, s),
  client: (id: number, s?: Signal) => get<ClientDetail>(`/clients/${id}`, {}, s),
  searchClients: (q: string, limit: number, s?: Signal) => get<ClientHit[]>('/clients', { q, limit }, s),
  cohort: (s?: Signal) => get<CohortRow[]>('/cohort', {}, s),
  latestRun: (s?: Signal) => get<LatestRun>('/runs/latest', {}, s),
  quality: (s?: Signal) => get<CheckReport>('/quality', {}, s),
  benchmark: (s?: Signal) => get<BenchReport>('/benchmark', {}, s),
  models: (s?: Signal) => get<ModelRun[]>('/models', {}, s),
};

function range(r: DateRange) {
  return { from: r.from, to: r.to };
}
