import { ApiError } from '../api/client.ts';
import { code, el } from '../dom.ts';

/**
 * The three states a page can be in besides "here is your data", each
 * telling the user what to do next.
 */
export function loadingView(): HTMLElement {
  return el('div', { class: 'state state-loading', 'aria-busy': 'true' }, el('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Chargement…');
}

/** A hint: the words to show, `commands` are rendered as code. */
export interface EmptyHint {
  title: string;
  /** e.g. ['lancez ', {cmd: 'electrolake run'}, ' puis ', {cmd: 'electrolake publish'}] */
  steps: (string | { cmd: string })[];
}

export const NO_DATA: EmptyHint = {
  title: 'Aucune donnée publiée',
  steps: ['Lancez ', { cmd: 'electrolake run' }, ' puis ', { cmd: 'electrolake publish' }, ', et rechargez la page.'],
};

export function emptyView(hint: EmptyHint = NO_DATA, compact = false): HTMLElement {
  return el(
    'div',
    { class: `state state-empty${compact ? ' compact' : ''}`, role: 'status', 'data-testid': 'empty' },
    el('strong', {}, hint.title),
    el('p', {}, hint.steps.map((s) => (typeof s === 'string' ? s : code(s.cmd)))),
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
