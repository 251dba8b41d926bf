import { api } from '../api/endpoints.ts';
import { el, replace } from '../dom.ts';

const MAX_HITS = 8;
const DEBOUNCE_MS = 200;

/**
 * The top bar's client search: a name (any case, with or without accents)
 * or a client number. Suggestions come from `/clients?q=` as links to the
 * client page; Enter opens the first one (or the client number typed).
 */
export function clientSearch(): HTMLElement {
  const input = el('input', {
    type: 'search', name: 'q', placeholder: 'Nom ou n° de client', autocomplete: 'off', 'aria-label': 'Rechercher un client',
    'aria-controls': 'search-hits', 'aria-autocomplete': 'list',
  });
  const hits = el('ul', { class: 'search-hits', id: 'search-hits', role: 'listbox', 'aria-label': 'Clients trouvés', hidden: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;

  const close = () => {
    hits.hidden = true;
    replace(hits);
  };
  const open = (id: number) => {
    close();
    input.value = '';
    location.hash = `#/clients/${id}`;
  };

  const lookup = async (text: string) => {
    inflight?.abort();
    if (text.length < 2 && !/^\d+$/.test(text)) return close();
    const controller = new AbortController();
    inflight = controller;
    try {
      const { data } = await api.searchClients(text, MAX_HITS, controller.signal);
      replace(hits, data.length === 0
        ? el('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Aucun client trouvé')
        : data.map((c) => el('li', { role: 'option' }, el('a', { href: `#/clients/${c.id_client}`, onclick: close },
          c.nom ?? 'Client', el('small', {}, ` n° ${c.id_client}${c.pays ? ` · ${c.pays}` : ''}`)))));
      hits.hidden = false;
    } catch {
      if (controller.signal.aborted) return;
      replace(hits, el('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Recherche indisponible'));
      hits.hidden = false;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lookup(input.value.trim()), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
    if (e.key === 'ArrowDown') hits.querySelector('a')?.focus();
  });
  const form = el('form', { class: 'search', role: 'search', onsubmit: (e: Event) => {
    e.preventDefault();
    const text = input.value.trim();
    const first = hits.querySelector<HTMLAnchorElement>('a');
    if (/^\d+$/.test(text)) open(Number(text));
    else if (first) open(Number(first.getAttribute('href')?.split('/').at(-1)));
    else void lookup(text);
  } }, input, hits);
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node)) close();
  });
  return form;
}
