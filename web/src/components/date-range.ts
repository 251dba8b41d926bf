import { el } from '../dom.ts';
import { isoDay, parseDay } from '../format.ts';

export interface Range {
  from: string;
  to: string;
}

/**
 * The first day of the `months` months that end on `to` (inclusive), clamped
 * to `min`: 3 months to 31/12 start on 01/10. Counted from the day after
 * `to`, so month lengths (31/12 − 3 months is not a real day) cannot shift it.
 */
export function monthsBefore(to: string, months: number, min: string): string {
  const d = parseDay(to);
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const from = isoDay(d);
  return from < min ? min : from;
}

/**
 * Two native date inputs (the phone's own date picker, French on a French
 * browser) bounded by the data's first and last day, and presets for the
 * usual questions. Calls `onChange` with a valid range only.
 */
export function dateRangePicker(bounds: Range, initial: Range, onChange: (range: Range) => void): HTMLElement {
  const input = (name: string, value: string) =>
    el('input', { type: 'date', name, value, min: bounds.from, max: bounds.to, required: true });
  const from = input('from', initial.from);
  const to = input('to', initial.to);
  const error = el('span', { class: 'field-error', role: 'alert' });

  const apply = (range: Range) => {
    from.value = range.from;
    to.value = range.to;
    if (!range.from || !range.to || range.from > range.to) {
      error.textContent = 'La date de début doit précéder la date de fin.';
      return;
    }
    error.textContent = '';
    onChange(range);
  };
  from.addEventListener('change', () => apply({ from: from.value, to: to.value }));
  to.addEventListener('change', () => apply({ from: from.value, to: to.value }));

  const preset = (label: string, months: number | undefined) =>
    el('button', {
      type: 'button', class: 'chip',
      onclick: () => apply({ from: months === undefined ? bounds.from : monthsBefore(bounds.to, months, bounds.from), to: bounds.to }),
    }, label);

  return el(
    'form',
    { class: 'range', 'aria-label': 'Période', onsubmit: (e: Event) => e.preventDefault() },
    el('label', {}, 'Du ', from),
    el('label', {}, 'au ', to),
    el('span', { class: 'chips' }, preset('3 mois', 3), preset('12 mois', 12), preset('3 ans', 36), preset('Tout', undefined)),
    error,
  );
}
