import { api } from '../api/endpoints.ts';
import { fmt, parseDay } from '../format.ts';
import { refreshState } from './refresh-state.ts';

/** Data older than this (days between the data's last day and today) is said to be old. */
const FRESH_DAYS = 7;

/**
 * The top bar's « Données au … »: the `as_of` of the publication the API
 * serves (`/health`), and nothing else, so no other answer (a model run
 * trained on another lake, a run manifest) can put another date there.
 * When it is more than a week old, it says how old: a sales user must know
 * they are looking at last year's customers.
 */
export async function showDataDate(target: HTMLElement): Promise<void> {
  try {
    const { data } = await api.health();
    const refresh = refreshState(data.refresh);
    target.replaceChildren(dataDateText(data.as_of, new Date()), ...(refresh ? [' · ', refresh] : []));
    target.classList.toggle('stale', isStale(data.as_of, new Date()));
    target.dataset['asOf'] = data.as_of ?? '';
  } catch {
    // No store or nothing published: the page itself says so; the top bar stays quiet.
    target.replaceChildren();
  }
}

export function dataDateText(asOf: string | null, now: Date): string {
  if (!asOf) return 'Aucune donnée publiée';
  return isStale(asOf, now) ? `Données du ${fmt.date(asOf)}, ${fmt.age(asOf, now)}` : `Données au ${fmt.date(asOf)}`;
}

function isStale(asOf: string | null, now: Date): boolean {
  return asOf !== null && now.getTime() - parseDay(asOf).getTime() > FRESH_DAYS * 86_400_000;
}
