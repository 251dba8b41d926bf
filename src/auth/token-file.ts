import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import type { Role } from './roles.ts';
import { isRole } from './roles.ts';
import { newToken } from './token-hash.ts';

/**
 * The lake's `_auth/tokens.json`: one entry per token, with only a salted
 * hash of it. Written by `electrolake token`, read by `serve` (which
 * re-reads it, so a revoke needs no restart). The last use of each token is
 * kept apart in `_auth/last_used.json`, written by `serve`, so the server
 * never rewrites the file an administrator edits.
 */
export const TOKENS_KEY = '_auth/tokens.json';
export const LAST_USED_KEY = '_auth/last_used.json';

export interface TokenEntry {
  name: string;
  role: Role;
  id: string;
  salt: string;
  hash: string;
  created_at: string;
}

export interface TokenListing {
  name: string;
  role: Role;
  created_at: string;
  last_used: string | null;
}

export async function readTokens(lake: Lake): Promise<TokenEntry[]> {
  const file = await lake.readJson<{ tokens?: unknown }>(TOKENS_KEY);
  if (file === undefined) return [];
  if (!Array.isArray(file.tokens) || !file.tokens.every(isEntry)) {
    throw new AppError('IO', `${TOKENS_KEY} in the lake is not a token file: fix or delete it, then create the tokens again`);
  }
  return file.tokens;
}

export async function createToken(lake: Lake, name: string, role: string): Promise<{ token: string; entry: TokenEntry }> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    throw new AppError('BAD_INPUT', `token name '${name.slice(0, 100)}': use 1 to 64 letters, digits, '.', '_' or '-'`);
  }
  if (!isRole(role)) throw new AppError('BAD_INPUT', `role '${role.slice(0, 100)}': expected viewer, sales or admin`);
  const tokens = await readTokens(lake);
  if (tokens.some((t) => t.name === name)) throw new AppError('BAD_INPUT', `a token named '${name}' exists: revoke it first or pick another name`);
  const { token, id, salt, hash } = await newToken();
  const entry: TokenEntry = { name, role, id, salt, hash, created_at: new Date().toISOString() };
  await lake.writeJson(TOKENS_KEY, { tokens: [...tokens, entry] });
  return { token, entry };
}

export async function revokeToken(lake: Lake, name: string): Promise<void> {
  const tokens = await readTokens(lake);
  if (!tokens.some((t) => t.name === name)) throw new AppError('NOT_FOUND', `no token named '${name.slice(0, 100)}' (electrolake token list)`);
  await lake.writeJson(TOKENS_KEY, { tokens: tokens.filter((t) => t.name !== name) });
}

export async function listTokens(lake: Lake): Promise<TokenListing[]> {
  const [tokens, used] = await Promise.all([readTokens(lake), lake.readJson<Record<string, string>>(LAST_USED_KEY)]);
  return tokens.map((t) => ({ name: t.name, role: t.role, created_at: t.created_at, last_used: used?.[t.name] ?? null }));
}

function isEntry(value: unknown): value is TokenEntry {
  const e = value as Partial<TokenEntry> | null;
  return (
    typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.role === 'string' && isRole(e.role) &&
    typeof e.id === 'string' && typeof e.salt === 'string' && typeof e.hash === 'string' && typeof e.created_at === 'string'
  );
}
