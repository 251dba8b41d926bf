import type { EmptyHint } from '../components/state.ts';

/** Thrown by a page whose data does not exist yet (no benchmark, no model run): the router shows the hint. */
export class NoData extends Error {
  constructor(readonly hint: EmptyHint) {
    super(hint.title);
    this.name = 'NoData';
  }
}

export interface PageContext {
  /** Aborted when the user leaves the page: late answers are dropped. */
  signal: AbortSignal;
  /** The query part of the hash (`#/clients?segment=VIP`). */
  query: URLSearchParams;
  /** The route's captured parts (`#/clients/42` → ['42']) for a page with a `pattern`. */
  params: string[];
  /** Rewrites the hash's query without reloading the page, so filters survive a reload and can be shared. */
  setQuery(query: URLSearchParams): void;
}

/**
 * One page of the dashboard. `render` fetches what the page needs and
 * returns its content; the router shows the loading state meanwhile, and
 * the empty or error state if it throws.
 */
export interface Page {
  /** the hash route: `#/ventes`; for a page with a `pattern`, its name in `data-page` */
  path: string;
  title: string;
  /** a route with parts (`^clients/(\d+)$`); such a page is reached by links, not from the nav bar */
  pattern?: RegExp;
  /** what to tell the user when the API has nothing to show (503) */
  empty?: EmptyHint;
  render(ctx: PageContext): Promise<Node>;
}
