import type { Context } from 'hono';
import { allows } from '../auth/roles.ts';
import type { Caller, TokenRegistry } from '../auth/token-registry.ts';
import { AppError } from '../core/errors.ts';
import type { Access } from './access.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';

export interface AuthOptions {
  /** The lake's tokens; without it (or with `disabled`) every caller is an anonymous admin. */
  tokens?: TokenRegistry | undefined;
  /** `serve --no-auth`: no token is asked for, even when some exist. */
  disabled?: boolean | undefined;
  /**
   * Ask for a token even when none exists (serve on a non-loopback address):
   * revoking the last token then locks the API rather than opening it.
   */
  alwaysRequired?: boolean | undefined;
  /** Per token; null: none. */
  rateLimit?: RateLimit | null | undefined;
}

export interface RequestCaller extends Caller {
  /** False when auth is off (no token in the lake, or --no-auth). */
  authenticated: boolean;
}

const ANONYMOUS: RequestCaller = { name: '-', role: 'admin', authenticated: false };

/**
 * Who is calling, and whether they may: a bearer token is required on every
 * non-public endpoint as soon as one token exists in the lake; a missing or
 * unknown token is 401, a role too low 403, a caller over its rate 429.
 */
export class Guard {
  private readonly limiter: RateLimiter | undefined;

  constructor(private readonly options: AuthOptions) {
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  }

  async check(c: Context, path: string, access: Access): Promise<RequestCaller> {
    const tokens = this.options.tokens;
    if (this.options.disabled || !tokens || access.role === 'public') return ANONYMOUS;
    if (!this.options.alwaysRequired && !(await tokens.required())) return ANONYMOUS;
    const token = /^Bearer +(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (token === undefined) {
      throw new AppError('UNAUTHORIZED', `${path} needs a token: send 'Authorization: Bearer <token>' (electrolake token create)`);
    }
    const caller = await tokens.authenticate(token);
    if (!caller) throw new AppError('UNAUTHORIZED', 'unknown or revoked token');
    if (!allows(caller.role, access.role)) {
      throw new AppError('FORBIDDEN', `the ${caller.role} role cannot see ${path} (needs ${access.role})`, {
        details: { role: caller.role, needs: access.role },
      });
    }
    const wait = this.limiter?.take(caller.name) ?? 0;
    if (wait > 0) {
      throw new AppError('TOO_MANY_REQUESTS', `too many requests for token '${caller.name}': retry in ${wait} s`, {
        details: { retry_after_s: wait },
      });
    }
    return { ...caller, authenticated: true };
  }
}
