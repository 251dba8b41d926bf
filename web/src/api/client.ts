import { authHeaders, logout } from '../auth/session.ts';
import type { Envelope, Meta } from './types.ts';

/**
 * The one way the dashboard talks to the server: `GET` a JSON endpoint of
 * the API and get `{data, meta}` back, or an `ApiError` carrying the API's
 * own error code and message (`{"error": {"code", "message", "details"}}`).
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Nothing published yet: the page shows what to run rather than an error. */
  get isEmpty(): boolean {
    return this.status === 503 && this.code !== 'UNAVAILABLE';
  }
}

export type Params = Record<string, string | number | undefined>;

export function url(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  // Relative to the page, so the dashboard works under any base path.
  return `.${path}${qs ? `?${qs}` : ''}`;
}

export async function get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<Envelope<T>> {
  const target = url(path, params);
  let response: Response;
  try {
    response = await fetch(target, { headers: { accept: 'application/json', ...authHeaders() }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'le serveur ne répond pas', path);
  }
  // A token revoked while the page is open: back to the login form.
  if (response.status === 401) logout();
  const body = (await response.json().catch(() => undefined)) as
    | { data?: T; meta?: Envelope<T>['meta']; error?: { code?: string; message?: string } }
    | undefined;
  if (!response.ok || body === undefined || body.data === undefined) {
    const code = body?.error?.code ?? (response.ok ? 'BAD_RESPONSE' : `HTTP_${response.status}`);
    const message = body?.error?.message ?? (response.ok ? 'réponse illisible' : response.statusText || `HTTP ${response.status}`);
    throw new ApiError(response.ok ? 502 : response.status, code, message, path);
  }
  const meta: Meta = body.meta ?? { query_ms: 0, count: 0, as_of: null, source: '' };
  return { data: body.data, meta };
}

/**
 * For data that may not exist yet (no check report, no benchmark, no model
 * runs, an API without `/models`): undefined on 404 or an empty 503, so the
 * page shows a hint for that block instead of failing whole.
 */
export async function optional<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.isEmpty)) return undefined;
    throw error;
  }
}
