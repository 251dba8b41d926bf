import type { GoldTableName } from '../core/schema.ts';
import { quote, SERVED, totalOrder } from './served.ts';
import type { Filter, FindQuery } from './store.ts';

/**
 * FindQuery → DuckDB SQL with `?` parameters (values are bound, never
 * spliced; field names were checked by `checkQuery`). Dates come out as
 * 'YYYY-MM-DD' text, as the ServingStore contract says. Nulls sort as in
 * MongoDB (lowest: first ascending, last descending) so both stores return
 * the same order.
 */
export interface BoundSql {
  sql: string;
  params: (string | number | boolean)[];
}

export function selectSql(table: GoldTableName, query: FindQuery): BoundSql {
  const columns = Object.entries(SERVED[table].columns).map(([name, type]) =>
    type === 'date' ? `strftime(${quote(name)}, '%Y-%m-%d') AS ${quote(name)}` : quote(name),
  );
  const where = whereSql(table, query.filters ?? []);
  const order = totalOrder(table, query.sort)
    .map((k) => `${quote(k.field)} ${k.direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`)
    .join(', ');
  let sql = `SELECT ${columns.join(', ')} FROM ${quote(table)}${where.sql} ORDER BY ${order}`;
  // limit and offset are integers (checkQuery): written as literals, as DuckDB wants.
  if (query.limit !== undefined) sql += ` LIMIT ${query.limit}`;
  if (query.offset !== undefined && query.offset > 0) sql += ` OFFSET ${query.offset}`;
  return { sql, params: where.params };
}

export function countSql(table: GoldTableName, filters: readonly Filter[]): BoundSql {
  const where = whereSql(table, filters);
  return { sql: `SELECT count(*) AS n FROM ${quote(table)}${where.sql}`, params: where.params };
}

function whereSql(table: GoldTableName, filters: readonly Filter[]): BoundSql {
  const columns = SERVED[table].columns;
  // A date is compared as a date, not as text.
  const placeholder = (field: string): string => (columns[field] === 'date' ? 'CAST(? AS DATE)' : '?');
  const params: BoundSql['params'] = [];
  const parts = filters.map((f) => {
    const column = quote(f.field);
    if (f.op === 'in') {
      const values = Array.isArray(f.value) ? (f.value as (string | number)[]) : [f.value as string | number];
      if (values.length === 0) return 'FALSE';
      params.push(...values);
      return `${column} IN (${values.map(() => placeholder(f.field)).join(', ')})`;
    }
    params.push(f.value as string | number | boolean);
    if (f.op === 'contains') return `contains(${column}, ?)`;
    return `${column} ${f.op === 'eq' ? '=' : f.op === 'gte' ? '>=' : '<='} ${placeholder(f.field)}`;
  });
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(' AND ')}` : '', params };
}
