import { api } from '../api/endpoints.ts';
import { pageHeader, section } from '../components/layout.ts';
import { el } from '../dom.ts';
import type { Page } from './page.ts';
import { clientList } from './clients-list.ts';
import { filtersFromQuery, filtersToQuery, pageQuery } from './clients-query.ts';
import { segmentCards, segmentValueChart, sortSegments } from './clients-segments.ts';

/** Clients: the five segments and what to do with each, then the list of customers to call. */
export const clientsPage: Page = {
  path: 'clients',
  title: 'Clients',
  async render(ctx) {
    const filters = filtersFromQuery(ctx.query);
    const [segments, countries, first] = await Promise.all([
      api.segments(ctx.signal),
      api.byCountry(ctx.signal),
      api.scores(pageQuery(filters), ctx.signal),
    ]);
    const ordered = sortSegments(segments.data);
    const list = clientList({
      segments: ordered.map((s) => s.segment_label).filter((s): s is string => s !== null),
      // Clients without a country cannot be filtered by one.
      countries: countries.data.map((c) => c.pays).filter((p): p is string => p !== null && p !== 'Inconnu').sort((a, b) => a.localeCompare(b, 'fr')),
      filters,
      first,
      signal: ctx.signal,
      onFilters: (f) => ctx.setQuery(filtersToQuery(f)),
    });
    return el(
      'div',
      {},
      pageHeader('Clients', 'Segments au jour des données, et la liste des clients à appeler en premier (triée par valeur attendue ; cliquez un en-tête pour trier autrement).'),
      section('Segments', segmentCards(ordered, list.showSegment), segmentValueChart(ordered)),
      section('Clients à contacter', list.element),
    );
  },
};
