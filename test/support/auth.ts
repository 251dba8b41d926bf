import type { Role } from '../../src/auth/roles.ts';
import { createToken } from '../../src/auth/token-file.ts';
import type { Lake } from '../../src/lake/lake.ts';

/** One token per role in a lake, named `<role>-test`. */
export async function tokensFor(lake: Lake): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'sales', 'admin'] as const) tokens[role] = (await createToken(lake, `${role}-test`, role)).token;
  return tokens;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A concrete URL for each route path (`{id_client}` → a real client; the client search needs its `q`). */
export function concrete(path: string, idClient: number): string {
  if (path === '/clients') return `/clients?q=${idClient}`;
  return path.replace('{id_client}', String(idClient));
}
