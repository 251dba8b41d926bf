import type { Role } from '../auth/roles.ts';

/**
 * Who may call which endpoint: THE table. Adding an endpoint is one line
 * here; an endpoint missing from it needs `admin` (closed by default).
 * `personal` marks answers that can carry names or e-mails: they are
 * removed for roles below `sales` and every answer that keeps them is
 * written to the audit log.
 */
export interface Access {
  /** `public`: no token needed, even when tokens exist. */
  role: Role | 'public';
  personal?: boolean;
}

export const ACCESS: Record<string, Access> = {
  '/health': { role: 'public' },
  '/kpis': { role: 'viewer' },
  '/monthly': { role: 'viewer' },
  '/monthly_growth': { role: 'viewer' },
  '/by_country': { role: 'viewer' },
  '/by_product': { role: 'viewer' },
  '/distribution': { role: 'viewer' },
  '/daily': { role: 'viewer' },
  '/weekly': { role: 'viewer' },
  '/segments': { role: 'viewer' },
  '/cohort': { role: 'viewer' },
  '/scores': { role: 'viewer', personal: true },
  '/scores/{id_client}': { role: 'viewer', personal: true },
  '/clients': { role: 'sales', personal: true },
  '/clients/{id_client}': { role: 'sales', personal: true },
  '/call_list': { role: 'sales', personal: true },
  '/runs/latest': { role: 'admin' },
  '/quality': { role: 'admin' },
  '/models': { role: 'admin' },
  '/benchmark': { role: 'admin' },
  '/openapi.json': { role: 'viewer' },
  '/me': { role: 'viewer' },
  '/': { role: 'public' },
};

export function accessOf(path: string): Access {
  return ACCESS[path] ?? { role: 'admin' };
}

/** Fields that name a person: absent (not null) for roles below `sales`. */
export const PERSONAL_FIELDS = ['nom', 'prenom', 'email', 'telephone'] as const;

/**
 * The largest page (`limit`) each role may ask for: those who see names
 * get smaller pages, so copying the whole base takes many audited requests.
 */
export const MAX_PAGE: Record<Role, number> = { viewer: 1_000, sales: 500, admin: 1_000 };

/** The data without personal fields (rows of an array, or one row). */
export function withoutPersonal(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutPersonal);
  if (data === null || typeof data !== 'object') return data;
  const row = { ...(data as Record<string, unknown>) };
  for (const field of PERSONAL_FIELDS) delete row[field];
  return row;
}

/** How many clients an answer names, for the audit log. */
export function clientsIn(data: unknown): number {
  if (Array.isArray(data)) return data.length;
  return data === null || data === undefined ? 0 : 1;
}
