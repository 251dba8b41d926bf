import { el } from '../dom.ts';

export interface Column<R> {
  /** stable id: the API's column name, used for sorting and by tests (`data-col`) */
  key: string;
  label: string;
  cell: (row: R) => string | Node;
  numeric?: boolean;
  /** the column can be sorted by the server */
  sortable?: boolean;
}

export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

export interface TableOptions {
  caption?: string;
  sort?: Sort;
  onSort?: (key: string) => void;
  /** a short name for tests: `[data-table="…"]` */
  name: string;
}

/**
 * A table in a horizontally scrolling box, so wide tables stay readable on a
 * phone. Sortable headers are buttons (keyboard and screen readers), and
 * `aria-sort` says which way the rows are sorted.
 */
export function dataTable<R>(columns: Column<R>[], rows: R[], options: TableOptions): HTMLElement {
  const head = el(
    'tr',
    {},
    columns.map((c) => {
      const sorted = options.sort?.key === c.key ? options.sort.direction : undefined;
      const label = c.sortable && options.onSort
        ? el('button', { type: 'button', class: 'sort', onclick: () => options.onSort?.(c.key) }, c.label, el('span', { 'aria-hidden': 'true' }, sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''))
        : c.label;
      return el('th', {
        scope: 'col', class: c.numeric ? 'num' : undefined, 'data-col': c.key,
        'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined,
      }, label);
    }),
  );
  const body = rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: c.numeric ? 'num' : undefined, 'data-col': c.key }, c.cell(r)))));
  return el(
    'div',
    { class: 'table-wrap' },
    el('table', { 'data-table': options.name }, options.caption && el('caption', {}, options.caption), el('thead', {}, head), el('tbody', {}, body)),
  );
}
