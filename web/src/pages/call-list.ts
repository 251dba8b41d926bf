import { api } from '../api/endpoints.ts';
import { pageHeader } from '../components/layout.ts';
import { droppedNotice, dropUnknownFilters } from '../components/notice.ts';
import { errorView, type EmptyHint } from '../components/state.ts';
import { el, replace } from '../dom.ts';
import { fmt } from '../format.ts';
import { ACTIONS, callFiltersFromQuery, callFiltersToHash, callListQuery, PAGE_SIZE, type CallFilters } from './call-list-query.ts';
import { callTable, exportCallList } from './call-list-table.ts';
import { sortSegments } from './clients-segments.ts';
import type { Page } from './page.ts';

const NO_CALL_LIST: EmptyHint = {
  title: 'La liste d’appels n’est pas encore prête',
  steps: ['Elle apparaîtra ici dès que les données du magasin auront été chargées et les clients notés.'],
  admin: ['Lancez ', { cmd: 'electrolake run' }, ' puis ', { cmd: 'electrolake publish' }, ', et rechargez la page.'],
};

/**
 * « À appeler »: the sales team's worklist, from `/call_list` (already
 * ranked by the server: the call worth most first). One tab per action,
 * segment and country filters, the reason on every row, the CSV export.
 * Every choice is a link (`#/a-appeler?action=…`), so the URL always says
 * what is shown.
 */
export const callListPage: Page = {
  path: 'a-appeler',
  title: 'À appeler',
  empty: NO_CALL_LIST,
  async render(ctx) {
    const [segments, countryRows] = await Promise.all([api.segments(ctx.signal), api.byCountry(ctx.signal)]);
    const segmentNames = sortSegments(segments.data).map((s) => s.segment_label).filter((s): s is string => s !== null);
    const countries = countryRows.data.map((c) => c.pays).filter((p): p is string => p !== null && p !== 'Inconnu').sort((a, b) => a.localeCompare(b, 'fr'));
    const query = new URLSearchParams(ctx.query);
    const dropped = dropUnknownFilters(query, {
      action: { label: 'action', values: ACTIONS.map((a) => a.action) },
      segment: { label: 'segment', values: segmentNames },
      pays: { label: 'pays', values: countries },
    });
    const filters = callFiltersFromQuery(query);
    if (dropped.length > 0) history.replaceState(null, '', callFiltersToHash(filters));

    const [list, ...counts] = await Promise.all([
      api.callList(callListQuery(filters, { limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE }), ctx.signal),
      ...['', ...ACTIONS.map((a) => a.action)].map((action) => api.callList(callListQuery({ ...filters, action }, { limit: 1, offset: 0 }), ctx.signal)),
    ]);
    const total = list.meta.count;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = ACTIONS.find((a) => a.action === filters.action);
    const go = (change: Partial<CallFilters>) => (location.hash = callFiltersToHash({ ...filters, page: 1, ...change }));

    return el(
      'div',
      {},
      pageHeader('À appeler', 'Les clients à contacter, le plus utile en premier, avec la raison de chaque appel. Cliquez un nom pour voir sa fiche et ses achats.'),
      droppedNotice(dropped),
      el('nav', { class: 'tabs', 'aria-label': 'Actions' },
        [{ action: '', label: 'Toutes' }, ...ACTIONS].map((a, i) =>
          el('a', { href: callFiltersToHash({ ...filters, action: a.action, page: 1 }), 'data-action': a.action || 'toutes', 'aria-current': a.action === filters.action ? 'page' : undefined },
            a.label, el('span', { class: 'tab-count' }, fmt.int(counts[i]?.meta.count))))),
      el('div', { class: 'panel' },
        current && el('p', { class: 'action-hint' }, `${current.label} : ${current.hint}.`),
        el('form', { class: 'filters', 'aria-label': 'Filtres', onsubmit: (e: Event) => e.preventDefault() },
          select('segment', 'Segment', 'Tous les segments', segmentNames, filters.segment, (v) => go({ segment: v })),
          select('pays', 'Pays', 'Tous les pays', countries, filters.pays, (v) => go({ pays: v })),
          exportControl(filters, ctx.signal)),
        el('p', { class: 'count', 'data-count': total },
          total === 0 ? 'Personne à appeler avec ces filtres.' : `${fmt.int(total)} clients · ${fmt.int((filters.page - 1) * PAGE_SIZE + 1)} à ${fmt.int(Math.min(total, filters.page * PAGE_SIZE))}`),
        total > 0 && callTable(list.data),
        pages > 1 && el('nav', { class: 'pager', 'aria-label': 'Pages de la liste' },
          pageLink(filters, filters.page - 1, pages, 'prev', '← Précédente'),
          el('span', {}, `Page ${fmt.int(filters.page)} sur ${fmt.int(pages)}`),
          pageLink(filters, filters.page + 1, pages, 'next', 'Suivante →'))),
    );
  },
};

/** A link to another page of the list; outside the list, a greyed label. */
function pageLink(filters: CallFilters, page: number, pages: number, name: string, label: string): HTMLElement {
  return page < 1 || page > pages
    ? el('span', { class: 'button', 'aria-disabled': 'true', 'data-pager': name }, label)
    : el('a', { class: 'button', href: callFiltersToHash({ ...filters, page }), 'data-pager': name }, label);
}

function select(name: string, label: string, all: string, values: string[], current: string, onChange: (value: string) => void): HTMLElement {
  return el('label', {}, label, el('select', { name, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    el('option', { value: '' }, all), values.map((v) => el('option', { value: v, selected: v === current }, v))));
}

function exportControl(filters: CallFilters, signal: AbortSignal): HTMLElement {
  const status = el('span', { class: 'inline-status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'button', name: 'export' }, 'Exporter en CSV');
  button.addEventListener('click', () => {
    button.disabled = true;
    exportCallList(filters, signal, (n, total) => (status.textContent = `${fmt.int(n)} / ${fmt.int(total)}…`))
      .then((done) => (status.textContent = `${fmt.int(done.rows)} clients exportés (${done.filename})`))
      .catch((error: unknown) => signal.aborted || replace(status, errorView(error)))
      .finally(() => (button.disabled = false));
  });
  return el('span', { class: 'export' }, button, status);
}
