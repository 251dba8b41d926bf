import type { ScoresQuery } from '../api/endpoints.ts';
import type { Sort } from '../components/table.ts';

/**
 * The customer list's state, kept in the URL (`#/clients?segment=VIP&pays=France&min=30&sort=-prob_reachat_12m&page=2`)
 * so a filtered list survives a reload and can be sent to a colleague.
 */
export interface ClientFilters {
  segment: string;
  pays: string;
  /** minimum probability of buying again, in percent (0–100) as the user types it */
  minPct: number;
  sort: Sort;
  /** 1-based */
  page: number;
  size: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;
/**
 * A worklist starts with the clients there is most to lose with: the
 * largest value at risk (a year of their spending × the chance they do not
 * come back). Expected value, probability, recency… stay one choice away.
 */
export const DEFAULT_SORT: Sort = { key: 'value_at_risk_12m', direction: 'desc' };

/** The « Trier par » choices, in French: a sort a sales user can name. */
export const SORT_CHOICES: readonly { label: string; sort: Sort }[] = [
  { label: 'Valeur à risque (la plus forte d’abord)', sort: DEFAULT_SORT },
  { label: 'Valeur attendue (la plus forte d’abord)', sort: { key: 'expected_value_12m', direction: 'desc' } },
  { label: 'Prob. de ré-achat (la plus forte d’abord)', sort: { key: 'prob_reachat_12m', direction: 'desc' } },
  { label: 'Dernier achat (le plus récent d’abord)', sort: { key: 'recency_days', direction: 'asc' } },
  { label: 'Dernier achat (le plus ancien d’abord)', sort: { key: 'recency_days', direction: 'desc' } },
  { label: 'Dépense totale (la plus forte d’abord)', sort: { key: 'total_spend_all', direction: 'desc' } },
];
export const SORTABLE = new Set([
  'id_client', 'prob_reachat_12m', 'expected_value_12m', 'value_at_risk_12m', 'recency_days', 'total_orders_all', 'total_spend_all',
  'freq_12m', 'monetary_12m',
]);

export function filtersFromQuery(q: URLSearchParams): ClientFilters {
  const sortParam = q.get('sort') ?? '';
  const key = sortParam.replace(/^-/, '');
  const size = Number(q.get('size'));
  const minPct = Number(q.get('min') ?? 0);
  return {
    segment: q.get('segment') ?? '',
    pays: q.get('pays') ?? '',
    minPct: Number.isFinite(minPct) ? Math.min(100, Math.max(0, minPct)) : 0,
    sort: SORTABLE.has(key) ? { key, direction: sortParam.startsWith('-') ? 'desc' : 'asc' } : DEFAULT_SORT,
    page: Math.max(1, Math.floor(Number(q.get('page')) || 1)),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
  };
}

export function filtersToQuery(f: ClientFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.segment) q.set('segment', f.segment);
  if (f.pays) q.set('pays', f.pays);
  if (f.minPct > 0) q.set('min', String(f.minPct));
  if (f.sort.key !== DEFAULT_SORT.key || f.sort.direction !== DEFAULT_SORT.direction) q.set('sort', sortParam(f.sort));
  if (f.page > 1) q.set('page', String(f.page));
  if (f.size !== PAGE_SIZES[0]) q.set('size', String(f.size));
  return q;
}

export function sortParam(sort: Sort): string {
  return `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
}

/** The API query for the list's current page. */
export function pageQuery(f: ClientFilters): ScoresQuery {
  return scoresQuery(f, { limit: f.size, offset: (f.page - 1) * f.size });
}

/** The API query for one page of the list (or any window of it, for the export). */
export function scoresQuery(f: ClientFilters, window: { limit: number; offset: number }): ScoresQuery {
  const q: ScoresQuery = { sort: sortParam(f.sort), ...window };
  if (f.segment) q.segment = f.segment;
  if (f.pays) q.pays = f.pays;
  if (f.minPct > 0) q.minProb = f.minPct / 100;
  return q;
}
