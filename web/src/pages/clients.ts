import { api } from '../api/endpoints.ts';
import { pageHeader, section } from '../components/layout.ts';
import { droppedNotice, dropUnknownFilters } from '../components/notice.ts';
import { el } from '../dom.ts';
import type { Page } from './page.ts';
import { clientList } from './clients-list.ts';
import { filtersFromQuery, filtersToQuery, pageQuery } from './clients-query.ts';
import { segmentCards, segmentValueChart, sortSegments } from './clients-segments.ts';

/** Clients: the five segments and what to do with each, then the list of customers, filtered and sorted on the server. */
export const clientsPage: Page = {
  path: 'clients',
  title: 'Clients',
  async render(ctx) {
    const [segments, countryRows] = await Promise.all([api.segments(ctx.signal), api.byCountry(ctx.signal)]);
    const ordered = sortSegments(segments.data);
    const segmentNames = ordered.map((s) => s.segment_label).filter((s): s is string => s !== null);
    // Clients without a country cannot be filtered by one.
    const countries = countryRows.data.map((c) => c.pays).filter((p): p is string => p !== null && p !== 'Inconnu').sort((a, b) => a.localeCompare(b, 'fr'));
    const query = new URLSearchParams(ctx.query);
    const dropped = dropUnknownFilters(query, { segment: { label: 'segment', values: segmentNames }, pays: { label: 'pays', values: countries } });
    const filters = filtersFromQuery(query);
    if (dropped.length > 0) ctx.setQuery(filtersToQuery(filters));
    const first = await api.scores(pageQuery(filters), ctx.signal);
    const list = clientList({
      segments: segmentNames,
      countries,
      filters,
      first,
      signal: ctx.signal,
      onFilters: (f) => ctx.setQuery(filtersToQuery(f)),
    });
    return el(
      'div',
      {},
      pageHeader('Clients', 'Les segments au jour des données, puis tous les clients, de la plus forte valeur à risque à la plus faible (choisissez un autre tri au-dessus de la liste). Cliquez un client pour voir sa fiche.'),
      droppedNotice(dropped),
      section('Segments', segmentCards(ordered, list.showSegment), segmentValueChart(ordered)),
      section('Tous les clients', list.element),
    );
  },
};
