import { el } from '../dom.ts';

/** A URL filter whose value is not one the data knows (`?segment=Inexistant`). */
export interface DroppedFilter {
  label: string;
  value: string;
}

/**
 * Removes from `query` every filter whose value is not in its list of known
 * values, and says which: a hand-edited or outdated link then shows the
 * whole list with a French note, rather than an API error no retry can fix.
 */
export function dropUnknownFilters(query: URLSearchParams, known: Record<string, { label: string; values: readonly string[] }>): DroppedFilter[] {
  const dropped: DroppedFilter[] = [];
  for (const [name, { label, values }] of Object.entries(known)) {
    const value = query.get(name);
    if (value !== null && value !== '' && !values.includes(value)) {
      dropped.push({ label, value });
      query.delete(name);
    }
  }
  return dropped;
}

export function droppedNotice(dropped: DroppedFilter[]): HTMLElement | null {
  if (dropped.length === 0) return null;
  const what = dropped.map((d) => `${d.label} « ${d.value} »`).join(', ');
  return el('p', { class: 'notice warn', role: 'status', 'data-testid': 'dropped-filter' },
    `Le filtre ${what} n’existe pas dans les données : il a été retiré, la liste affiche tous les clients pour ce critère.`);
}
