import { ApiError } from './api/client.ts';
import { disposeCharts, mountCharts } from './components/chart.ts';
import { emptyView, errorView, loadingView } from './components/state.ts';
import { el, replace } from './dom.ts';
import { NoData, type Page } from './pages/page.ts';

/**
 * Hash routing (`#/ventes?…`), so any static server can host the bundle
 * without rewrite rules. The view carries `data-page` and `data-state`
 * (`loading | ready | empty | error`), and `performance` marks
 * `route:<path>` / `ready:<path>` time each page for the browser tests.
 */
export function startRouter(pages: Page[], view: HTMLElement, nav: HTMLElement): void {
  const links = pages.filter((p) => !p.pattern).map((p) => el('a', { href: `#/${p.path}`, 'data-path': p.path }, p.title));
  replace(nav, links);
  let current: AbortController | undefined;

  const show = async (): Promise<void> => {
    const { path, query } = parseHash(location.hash);
    const { page, params } = findPage(pages, path);
    if (!page) return;
    current?.abort();
    const controller = new AbortController();
    current = controller;
    performance.mark(`route:${page.path}`);
    for (const a of links) a.toggleAttribute('aria-current', a.dataset['path'] === page.path);
    document.title = `${page.title} — electrolake`;
    disposeCharts();
    view.dataset['page'] = page.path;
    setState(view, 'loading');
    replace(view, loadingView());

    const setQuery = (q: URLSearchParams) => {
      const qs = q.toString();
      history.replaceState(null, '', `#/${page.pattern ? path : page.path}${qs ? `?${qs}` : ''}`);
    };
    try {
      const content = await page.render({ signal: controller.signal, query, params, setQuery });
      if (controller.signal.aborted) return;
      replace(view, content);
      mountCharts();
      setState(view, 'ready');
    } catch (error) {
      if (controller.signal.aborted) return;
      const empty = error instanceof NoData || (error instanceof ApiError && error.isEmpty);
      const hint = error instanceof NoData ? error.hint : page.empty;
      replace(view, empty ? emptyView(hint) : errorView(error, () => void show()));
      setState(view, empty ? 'empty' : 'error');
    }
    performance.mark(`ready:${page.path}`);
  };

  window.addEventListener('hashchange', () => void show());
  void show();
}

/** The page of a hash path: by its name, else by its pattern, else the first page (the landing page). */
function findPage(pages: Page[], path: string): { page: Page | undefined; params: string[] } {
  const named = pages.find((p) => !p.pattern && p.path === path);
  if (named) return { page: named, params: [] };
  for (const p of pages) {
    const match = p.pattern?.exec(path);
    if (match) return { page: p, params: match.slice(1) };
  }
  return { page: pages[0], params: [] };
}

function setState(view: HTMLElement, state: 'loading' | 'ready' | 'empty' | 'error'): void {
  view.dataset['state'] = state;
  view.setAttribute('aria-busy', String(state === 'loading'));
}

export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const [path = '', qs = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path, query: new URLSearchParams(qs) };
}
