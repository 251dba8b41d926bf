import type { CallListQuery } from '../api/endpoints.ts';
import type { CallAction } from '../api/types.ts';

/** The five actions of the call list, in the tabs' order, with what each means for the caller. */
export const ACTIONS: readonly { action: CallAction; label: string; hint: string }[] = [
  { action: 'relancer', label: 'Relancer', hint: 'ils n’ont plus acheté depuis un à deux ans : appel ou e-mail avec une offre personnalisée' },
  { action: 'fideliser', label: 'Fidéliser', hint: 'vos meilleurs clients : programme premium, service prioritaire, offres exclusives' },
  { action: 'developper', label: 'Développer', hint: 'clients actifs : accessoires, extension de garantie, montée en gamme' },
  { action: 'convertir', label: 'Convertir', hint: 'un seul achat récent, ou aucun : offre de bienvenue sur un deuxième équipement' },
  { action: 'reactiver', label: 'Réactiver', hint: 'partis depuis plus de deux ans : relance à faible coût' },
];

export const actionLabel = (action: string | null | undefined): string => ACTIONS.find((a) => a.action === action)?.label ?? action ?? '—';

/** Rows a page: a morning's calls, short enough to read through. */
export const PAGE_SIZE = 25;

/** The call list's state, all in the URL (`#/a-appeler?action=relancer&pays=France&page=2`): a reload or a shared link shows the same list. */
export interface CallFilters {
  action: string;
  segment: string;
  pays: string;
  /** 1-based */
  page: number;
}

export function callFiltersFromQuery(q: URLSearchParams): CallFilters {
  return {
    action: q.get('action') ?? '',
    segment: q.get('segment') ?? '',
    pays: q.get('pays') ?? '',
    page: Math.max(1, Math.floor(Number(q.get('page')) || 1)),
  };
}

export function callFiltersToHash(f: CallFilters): string {
  const q = new URLSearchParams();
  if (f.action) q.set('action', f.action);
  if (f.segment) q.set('segment', f.segment);
  if (f.pays) q.set('pays', f.pays);
  if (f.page > 1) q.set('page', String(f.page));
  const qs = q.toString();
  return `#/a-appeler${qs ? `?${qs}` : ''}`;
}

export function callListQuery(f: CallFilters, window: { limit: number; offset: number }): CallListQuery {
  const q: CallListQuery = { ...window };
  if (f.action) q.action = f.action;
  if (f.segment) q.segment = f.segment;
  if (f.pays) q.pays = f.pays;
  return q;
}
