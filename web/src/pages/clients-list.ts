import { api } from '../api/endpoints.ts';
import type { Envelope, ScoreRow } from '../api/types.ts';
import { errorView } from '../components/state.ts';
import { dataTable } from '../components/table.ts';
import { el, replace } from '../dom.ts';
import { fmt } from '../format.ts';
import { clientColumns } from './clients-columns.ts';
import { exportCsv } from './clients-csv.ts';
import { PAGE_SIZES, pageQuery, sortParam, SORT_CHOICES, type ClientFilters } from './clients-query.ts';

/** The « Trier par » options; a sort set by a column header that is not among them shows as itself. */
function sortOptions(current: string): HTMLOptionElement[] {
  const options = SORT_CHOICES.map((c) => el('option', { value: sortParam(c.sort), selected: sortParam(c.sort) === current }, c.label));
  if (!SORT_CHOICES.some((c) => sortParam(c.sort) === current)) options.push(el('option', { value: current, selected: true }, 'Colonne choisie dans le tableau'));
  return options;
}

export interface ClientListOptions {
  segments: string[];
  countries: string[];
  filters: ClientFilters;
  /** the first page, fetched with the rest of the page so it shows at once */
  first: Envelope<ScoreRow[]>;
  signal: AbortSignal;
  onFilters: (filters: ClientFilters) => void;
}

/**
 * The customers to call: filters (segment, country, minimum probability),
 * server-side sorting and paging (`/scores?…&limit&offset`, `meta.count` is
 * the number matching), and the CSV export of every matching row. The box
 * carries `data-state="loading|ready|error"` while a page is on its way.
 */
export function clientList(options: ClientListOptions): { element: HTMLElement; showSegment: (segment: string) => void } {
  let filters = options.filters;
  let inflight: AbortController | undefined;
  const results = el('div', { class: 'results' });
  const root = el('div', { class: 'client-list', 'data-state': 'ready' });

  const select = (name: 'segment' | 'pays', label: string, all: string, values: string[], current: string) =>
    el('label', {}, label, el('select', { name, onchange: (e: Event) => update({ [name]: (e.target as HTMLSelectElement).value, page: 1 } as Partial<ClientFilters>) },
      el('option', { value: '' }, all), values.map((v) => el('option', { value: v, selected: v === current }, v))));
  const minInput = el('input', { type: 'number', name: 'min', min: 0, max: 100, step: 5, value: filters.minPct, inputmode: 'numeric' });
  minInput.addEventListener('change', () => update({ minPct: Math.min(100, Math.max(0, Number(minInput.value) || 0)), page: 1 }));
  const sortSelect = el('select', { name: 'sort', onchange: (e: Event) => {
    const choice = SORT_CHOICES.find((c) => sortParam(c.sort) === (e.target as HTMLSelectElement).value);
    if (choice) update({ sort: choice.sort, page: 1 });
  } }, sortOptions(sortParam(filters.sort)));
  const exportButton = el('button', { type: 'button', class: 'button', name: 'export' }, 'Exporter en CSV');
  const exportStatus = el('span', { class: 'inline-status', 'aria-live': 'polite' });
  exportButton.addEventListener('click', () => void runExport());

  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filtres', onsubmit: (e: Event) => e.preventDefault() },
    select('segment', 'Segment', 'Tous les segments', options.segments, filters.segment),
    select('pays', 'Pays', 'Tous les pays', options.countries, filters.pays),
    el('label', {}, 'Prob. de ré-achat min. (%)', minInput),
    el('label', {}, 'Trier par', sortSelect),
    el('label', {}, 'Lignes par page', el('select', { name: 'size', onchange: (e: Event) => update({ size: Number((e.target as HTMLSelectElement).value), page: 1 }) },
      PAGE_SIZES.map((s) => el('option', { value: s, selected: s === filters.size }, String(s))))),
    el('span', { class: 'export' }, exportButton, exportStatus),
  );

  function update(change: Partial<ClientFilters>): void {
    filters = { ...filters, ...change };
    options.onFilters(filters);
    void load();
  }

  async function load(): Promise<void> {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    options.signal.addEventListener('abort', () => controller.abort(), { once: true });
    root.dataset['state'] = 'loading';
    try {
      const page = await api.scores(pageQuery(filters), controller.signal);
      show(page);
      root.dataset['state'] = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      replace(results, errorView(error, () => void load()));
      root.dataset['state'] = 'error';
    }
  }

  function show(page: Envelope<ScoreRow[]>): void {
    const total = page.meta.count;
    const pages = Math.max(1, Math.ceil(total / filters.size));
    const first = total === 0 ? 0 : (filters.page - 1) * filters.size + 1;
    const last = Math.min(total, filters.page * filters.size);
    replace(sortSelect, sortOptions(sortParam(filters.sort)));
    const table = dataTable(clientColumns(page.meta.as_of), page.data, {
      name: 'scores',
      caption: 'Clients',
      cardsOnPhone: true,
      sort: filters.sort,
      onSort: (key) => update({ sort: { key, direction: filters.sort.key === key && filters.sort.direction === 'desc' ? 'asc' : 'desc' }, page: 1 }),
    });
    replace(
      results,
      el('p', { class: 'count', 'data-count': total }, total === 0 ? 'Aucun client ne correspond à ces filtres.' : `${fmt.int(total)} clients · lignes ${fmt.int(first)} à ${fmt.int(last)}`),
      total > 0 && table,
      el(
        'nav',
        { class: 'pager', 'aria-label': 'Pages' },
        el('button', { type: 'button', class: 'button', name: 'prev', disabled: filters.page <= 1, onclick: () => update({ page: filters.page - 1 }) }, '← Précédente'),
        el('span', { 'data-page-number': filters.page }, `Page ${fmt.int(filters.page)} sur ${fmt.int(pages)}`),
        el('button', { type: 'button', class: 'button', name: 'next', disabled: filters.page >= pages, onclick: () => update({ page: filters.page + 1 }) }, 'Suivante →'),
      ),
    );
  }

  async function runExport(): Promise<void> {
    exportButton.disabled = true;
    try {
      const done = await exportCsv(filters, options.signal, (n, total) => (exportStatus.textContent = `${fmt.int(n)} / ${fmt.int(total)}…`));
      exportStatus.textContent = `${fmt.int(done.rows)} clients exportés (${done.filename})`;
    } catch (error) {
      if (!options.signal.aborted) replace(exportStatus, errorView(error));
    } finally {
      exportButton.disabled = false;
    }
  }

  show(options.first);
  replace(root, form, results);
  return {
    element: root,
    showSegment: (segment) => {
      const field = form.querySelector<HTMLSelectElement>('select[name="segment"]');
      if (field) field.value = segment;
      update({ segment, page: 1 });
      root.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  };
}
