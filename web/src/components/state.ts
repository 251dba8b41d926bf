import { ApiError } from '../api/client.ts';
import { code, el } from '../dom.ts';

/**
 * The three states a page can be in besides "here is your data", each
 * telling the user what to do next.
 */
export function loadingView(): HTMLElement {
  return el('div', { class: 'state state-loading', 'aria-busy': 'true' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Chargement…');
}

type Words = (string | { cmd: string })[];

/**
 * A hint: what the reader (a sales user first) should know, then, smaller,
 * what the administrator should run. `cmd` parts are rendered as code.
 */
export interface EmptyHint {
  title: string;
  steps: Words;
  /** e.g. ['Lancez ', {cmd: 'electrolake run'}, ' puis ', {cmd: 'electrolake publish'}] */
  admin?: Words;
}

export const NO_DATA: EmptyHint = {
  title: 'Pas encore de données',
  steps: ['Les chiffres apparaîtront ici dès que les données du magasin auront été chargées.'],
  admin: ['Lancez ', { cmd: 'electrolake run' }, ' puis ', { cmd: 'electrolake publish' }, ', et rechargez la page.'],
};

const words = (parts: Words) => parts.map((s) => (typeof s === 'string' ? s : code(s.cmd)));

export function emptyView(hint: EmptyHint = NO_DATA, compact = false): HTMLElement {
  return el(
    'div',
    { class: `state state-empty${compact ? ' compact' : ''}`, role: 'status', 'data-testid': 'empty' },
    el('strong', {}, hint.title),
    el('p', {}, words(hint.steps)),
    hint.admin && el('p', { class: 'admin' }, el('span', { class: 'admin-label' }, 'Pour l’administrateur : '), words(hint.admin)),
  );
}

export function errorView(error: unknown, retry?: () => void): HTMLElement {
  const api = error instanceof ApiError ? error : undefined;
  const title = api?.status === 0 ? 'Le serveur ne répond pas' : "L'API a renvoyé une erreur";
  const message = api
    ? api.status === 0
      ? ['Vérifiez que ', code('electrolake serve'), ' tourne toujours, puis réessayez.']
      : [`${api.path} : ${api.message}`, ` (${api.status} ${api.code})`]
    : [error instanceof Error ? error.message : String(error)];
  return el(
    'div',
    { class: 'state state-error', role: 'alert', 'data-testid': 'error' },
    el('strong', {}, title),
    el('p', {}, message),
    retry && el('button', { type: 'button', class: 'button', onclick: () => retry() }, 'Réessayer'),
  );
}
