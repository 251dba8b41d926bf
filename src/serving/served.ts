import { GOLD_SCHEMA, GOLD_TABLES, type ColumnType, type GoldTableName } from '../core/schema.ts';

/**
 * What the serving stores hold for each gold table: the gold columns (the
 * contract), plus the few columns denormalised at publish time so the API
 * never joins at request time, the default order of rows, and the indexes
 * the API's filters and sorts need. Both stores and the API read this one
 * description, so they agree on fields, order and ties.
 */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ServedTable {
  table: GoldTableName;
  collection: string;
  columns: Readonly<Record<string, ColumnType>>;
  key: readonly string[];
  /** Default order; the key is always appended as a tie-breaker so both stores agree row for row. */
  order: readonly SortKey[];
  /** MongoDB indexes beyond the unique key (field → direction). */
  indexes: readonly Readonly<Record<string, 1 | -1>>[];
}

/** `client_scores` also carries the client's `nom` and `pays` (from `dim_clients`) so `/scores` can filter by country. */
const SCORE_EXTRAS = { nom: 'string', pays: 'string' } as const satisfies Record<string, ColumnType>;

const asc = (field: string): SortKey => ({ field, direction: 'asc' });
const desc = (field: string): SortKey => ({ field, direction: 'desc' });

const ORDER: Record<GoldTableName, readonly SortKey[]> = {
  fact_achats: [asc('id_achat')],
  dim_clients: [asc('id_client')],
  client_features: [asc('id_client')],
  client_scores: [asc('id_client')],
  segment_summary: [asc('segment_label')],
  ca_monthly: [asc('mois')],
  ca_country: [desc('ca')],
  ca_product: [desc('ca')],
  cohort_first_purchase: [asc('cohort_month'), asc('month_offset')],
  daily: [asc('date')],
  weekly: [asc('week_start')],
  monthly_growth: [asc('mois')],
  distribution: [asc('min')],
  kpis: [asc('as_of')],
};

/** `/scores` sort columns beyond the default: a page sorted descending by one of them (ties by `_id`) is read from its index. */
const SCORE_SORTS = ['expected_value_12m', 'value_at_risk_12m', 'recency_days', 'freq_12m', 'monetary_12m', 'total_spend_all', 'total_orders_all'];

/**
 * What `/scores` filters and sorts by, in the order of its default sort
 * (probability descending, ties by id: `_id` in MongoDB, where a one-column
 * key is the `_id`), so MongoDB reads a page from the index instead of
 * sorting the collection; the other sorts (descending, and recency
 * ascending: the longest-silent clients) each have theirs. `/daily`,
 * `/weekly` and `/monthly` ranges are on the key, i.e. `_id`. A client's
 * purchases are read by `id_client` in date order. The other endpoints read
 * small collections whole.
 */
const INDEXES: Partial<Record<GoldTableName, ServedTable['indexes']>> = {
  client_scores: [
    { prob_reachat_12m: -1, _id: 1 },
    { segment_label: 1, prob_reachat_12m: -1, _id: 1 },
    { pays: 1, prob_reachat_12m: -1, _id: 1 },
    ...SCORE_SORTS.map((field) => ({ [field]: -1 as const, _id: 1 as const })),
    { recency_days: 1, _id: 1 },
  ],
  fact_achats: [{ id_client: 1, date_achat: 1 }],
};

export const SERVED: Readonly<Record<GoldTableName, ServedTable>> = Object.fromEntries(
  GOLD_TABLES.map((table) => {
    const schema = GOLD_SCHEMA[table];
    const columns: Record<string, ColumnType> =
      table === 'client_scores' ? { ...schema.columns, ...SCORE_EXTRAS } : { ...schema.columns };
    const served: ServedTable = {
      table,
      collection: schema.collection,
      columns,
      key: schema.key,
      order: ORDER[table],
      indexes: INDEXES[table] ?? [],
    };
    return [table, served];
  }),
) as Record<GoldTableName, ServedTable>;

/** Sort keys with the table's key appended (ascending) where not already present: a total, deterministic order. */
export function totalOrder(table: GoldTableName, sort: readonly SortKey[] | undefined): SortKey[] {
  const served = SERVED[table];
  const keys = [...(sort && sort.length > 0 ? sort : served.order)];
  for (const field of served.key) if (!keys.some((k) => k.field === field)) keys.push(asc(field));
  return keys;
}

/**
 * The SQL that gives a served table from gold tables named by `ref` (a view
 * name or a `read_parquet(...)` call). Only `client_scores` differs from
 * `SELECT *`: it gains `nom` and `pays` from `dim_clients`.
 */
export function servedSelect(table: GoldTableName, ref: (table: GoldTableName) => string): string {
  const columns = Object.keys(SERVED[table].columns);
  if (table !== 'client_scores') return `SELECT ${columns.map(quote).join(', ')} FROM ${ref(table)}`;
  const scoreColumns = Object.keys(GOLD_SCHEMA.client_scores.columns).map((c) => `s.${quote(c)}`);
  return (
    `SELECT ${scoreColumns.join(', ')}, d.nom, d.pays FROM ${ref('client_scores')} s ` +
    `LEFT JOIN ${ref('dim_clients')} d ON d.id_client = s.id_client`
  );
}

/** Gold tables a served table is built from. */
export function servedSources(table: GoldTableName): GoldTableName[] {
  return table === 'client_scores' ? ['client_scores', 'dim_clients'] : [table];
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
