import { el } from '../dom.ts';

/** A titled block of a page. */
export function section(title: string, ...children: (Node | null | false | undefined)[]): HTMLElement {
  return el('section', { class: 'panel' }, el('h2', {}, title), ...children);
}

/** A page heading with an optional line under it (what the figures are, as of when). */
export function pageHeader(title: string, subtitle?: string | Node): HTMLElement {
  return el('div', { class: 'page-header' }, el('h1', {}, title), subtitle && el('p', { class: 'muted' }, subtitle));
}

/** Blocks side by side on a wide screen, stacked on a phone. */
export function grid(...children: (Node | null | false | undefined)[]): HTMLElement {
  return el('div', { class: 'grid' }, ...children);
}

export interface Kpi {
  label: string;
  value: string;
  /** a short explanation under the value */
  hint?: string;
  /** stable id for tests and styling */
  id: string;
  tone?: 'good' | 'bad';
}

export function kpiCards(kpis: Kpi[]): HTMLElement {
  return el(
    'div',
    { class: 'cards' },
    kpis.map((k) =>
      el(
        'div',
        { class: `card${k.tone ? ` ${k.tone}` : ''}`, 'data-kpi': k.id },
        el('span', { class: 'card-label' }, k.label),
        el('span', { class: 'card-value' }, k.value),
        k.hint && el('span', { class: 'card-hint' }, k.hint),
      ),
    ),
  );
}
