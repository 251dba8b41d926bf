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

/**
 * Columns a served table gains at publish time from another gold table, so
 * the API never joins at request time: `client_scores` carries the client's
 * `nom` and `pays` (for `/scores?pays=`), `dim_clients` the client's
 * `segment_label` and `nom_search`, the name lower-cased without accents
 * (for `/clients?q=`: « helene » finds « Hélène »). Every store is built by
 * DuckDB (embedded publish and live views, and the Mongo publisher's
 * reader), whose `strip_accents` the API's own folding matches.
 */
interface Extras {
  columns: Record<string, ColumnType>;
  /** The other gold table, joined as `x` on `id_client` (the served table is `g`). */
  from: GoldTableName;
  select: string;
}

const EXTRAS: Partial<Record<GoldTableName, Extras>> = {
  client_scores: { columns: { nom: 'string', pays: 'string' }, from: 'dim_clients', select: 'x.nom, x.pays' },
  dim_clients: {
    columns: { segment_label: 'string', nom_search: 'string' },
    from: 'client_scores',
    select: 'x.segment_label, lower(strip_accents(g.nom)) AS nom_search',
  },
};

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
  call_list: [desc('priority')],
};

/**
 * What `/scores` filters and sorts by, in the order of its default sort
 * (probability descending, ties by id: `_id` in MongoDB, where a one-column
 * key is the `_id`), so MongoDB reads a page from the index instead of
 * sorting the collection. The other endpoints read small collections whole,
 * or by their key.
 */
const INDEXES: Partial<Record<GoldTableName, ServedTable['indexes']>> = {
  client_scores: [
    { prob_reachat_12m: -1, _id: 1 },
    { segment_label: 1, prob_reachat_12m: -1, _id: 1 },
    { pays: 1, prob_reachat_12m: -1, _id: 1 },
  ],
  // `/call_list` filters by action, segment or country and sorts by priority.
  call_list: [
    { priority: -1, _id: 1 },
    { action: 1, priority: -1, _id: 1 },
    { segment_label: 1, priority: -1, _id: 1 },
    { pays: 1, priority: -1, _id: 1 },
  ],
  // A client's purchases, newest first (`/clients/{id_client}`).
  fact_achats: [{ id_client: 1, date_achat: -1, _id: -1 }],
};

export const SERVED: Readonly<Record<GoldTableName, ServedTable>> = Object.fromEntries(
  GOLD_TABLES.map((table) => {
    const schema = GOLD_SCHEMA[table];
    const columns: Record<string, ColumnType> = { ...schema.columns, ...EXTRAS[table]?.columns };
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
 * name or a `read_parquet(...)` call): the gold columns, and the extras
 * joined from their table.
 */
export function servedSelect(table: GoldTableName, ref: (table: GoldTableName) => string): string {
  const extras = EXTRAS[table];
  const goldColumns = Object.keys(GOLD_SCHEMA[table].columns).map((c) => `g.${quote(c)}`);
  if (!extras) return `SELECT ${goldColumns.join(', ')} FROM ${ref(table)} g`;
  return `SELECT ${goldColumns.join(', ')}, ${extras.select} FROM ${ref(table)} g LEFT JOIN ${ref(extras.from)} x ON x.id_client = g.id_client`;
}

/** Gold tables a served table is built from. */
export function servedSources(table: GoldTableName): GoldTableName[] {
  const extras = EXTRAS[table];
  return extras ? [table, extras.from] : [table];
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
