import type { Health } from '../api/types.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';

/**
 * The top bar's word on the unattended refresh (`/health`'s `refresh`):
 * when the data was last refreshed, or, when the last attempt failed, a
 * link to the Qualité page saying so, so the sales team is told rather than
 * surprised by yesterday's figures. Nothing for a lake never refreshed
 * (runs by hand).
 */
export function refreshState(refresh: Health['refresh']): HTMLElement | null {
  if (!refresh) return null;
  if (refresh.last_attempt_failed) {
    const since = refresh.last_success_at ? ` (dernière réussie : ${fmt.timestamp(refresh.last_success_at)})` : '';
    return el('a', {
      class: 'refresh-failed',
      href: '#/qualite',
      title: `Échec à l'étape ${refresh.failed_step ?? '?'} le ${fmt.timestamp(refresh.last_attempt_at)}${since}`,
    }, 'Actualisation de cette nuit en échec : voir Qualité');
  }
  return refresh.last_success_at ? el('span', { class: 'refreshed' }, `actualisé le ${fmt.timestamp(refresh.last_success_at)}`) : null;
}
