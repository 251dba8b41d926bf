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
  /** what the table is, in French: its caption for screen readers and the name of its scroll box */
  caption: string;
  sort?: Sort;
  onSort?: (key: string) => void;
  /** a short name for tests: `[data-table="…"]` */
  name: string;
  /** on a phone, each row becomes a card (label: value lines) instead of a table row */
  cardsOnPhone?: boolean;
}

/**
 * A table in a horizontally scrolling box whose first column stays pinned,
 * so wide tables stay readable on a phone; the box is focusable and named
 * so it can be scrolled with the keyboard. Long lists can instead become
 * cards on a phone (`cardsOnPhone`: each cell carries its column's label).
 * Sortable headers are buttons (keyboard and screen readers), and
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
  const body = rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: c.numeric ? 'num' : undefined, 'data-col': c.key, 'data-label': c.label }, c.cell(r)))));
  return el(
    'div',
    { class: `table-wrap${options.cardsOnPhone ? ' cards-on-phone' : ''}`, tabindex: 0, role: 'region', 'aria-label': options.caption },
    el('table', { 'data-table': options.name }, el('caption', {}, options.caption), el('thead', {}, head), el('tbody', {}, body)),
  );
}
