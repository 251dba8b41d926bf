import type { z } from 'zod';
import type { Lake } from '../lake/lake.ts';
import type { ServingStore } from '../serving/store.ts';
import type { JsonSchema } from './schemas.ts';

/**
 * One endpoint: its path (OpenAPI form, `/scores/{id_client}`), its
 * parameters as zod schemas, the JSON schema of its `data`, and a handler
 * that receives the parsed parameters. The app registers routes from this
 * and `/openapi.json` is generated from the same objects, so the document
 * cannot drift from what the server checks.
 */
export interface Meta {
  query_ms: number;
  count: number;
  as_of: string | null;
  source: string;
  /** On every answer read from the serving store. */
  publication?: string | null;
  [extra: string]: unknown;
}

export interface Envelope {
  data: unknown;
  meta: Meta;
}

export interface RouteDeps {
  /** The store, bound to the request's time limit and to its client (a query stops when either ends). */
  store: ServingStore;
  lake: Lake | undefined;
}

export interface Route {
  path: string;
  tag: string;
  summary: string;
  description?: string;
  query: z.ZodObject;
  params?: z.ZodObject;
  /** JSON schema of `data`. */
  data: JsonSchema;
  /** Error statuses this endpoint can answer, for the document. */
  errors: readonly number[];
  /** Extra `meta` fields this endpoint adds (name → JSON schema). */
  meta?: Record<string, JsonSchema>;
  handle(input: { query: Record<string, unknown>; params: Record<string, unknown> }, deps: RouteDeps): Promise<Envelope>;
}

/** Keeps the handler's parameter types tied to its schemas, then erases them for the route list. */
export function defineRoute<Q extends z.ZodObject, P extends z.ZodObject = z.ZodObject>(
  route: Omit<Route, 'handle' | 'query' | 'params'> & {
    query: Q;
    params?: P;
    handle(input: { query: z.output<Q>; params: z.output<P> }, deps: RouteDeps): Promise<Envelope>;
  },
): Route {
  return route as unknown as Route;
}
