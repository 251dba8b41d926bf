import { AppError, toAppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import type { Role } from './roles.ts';
import { tokenId, tokenMatches } from './token-hash.ts';
import { LAST_USED_KEY, readTokens, type TokenEntry } from './token-file.ts';

export interface Caller {
  name: string;
  role: Role;
}

/**
 * The server's view of the token file. It is re-read at most every
 * `refreshMs` (a small JSON document, local or S3), so creating the first
 * token turns authentication on and a revoke takes effect within a second,
 * without a restart. A token's scrypt hash is checked once; later requests
 * with the same token are matched from memory for as long as its entry is
 * unchanged, which keeps the cost of auth per request to a map lookup.
 */
export class TokenRegistry {
  private entries: TokenEntry[] | undefined;
  private loadedAt = 0;
  private loading: Promise<TokenEntry[]> | undefined;
  private readonly verified = new Map<string, TokenEntry>();
  private readonly lastUsed = new Map<string, string>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly lake: Lake,
    private readonly refreshMs = 1_000,
    private readonly lastUsedFlushMs = 30_000,
  ) {}

  /** Whether any token exists, i.e. whether requests must carry one. */
  async required(): Promise<boolean> {
    return (await this.current()).length > 0;
  }

  /** The caller a bearer token stands for, or undefined for an unknown or revoked token. */
  async authenticate(token: string): Promise<Caller | undefined> {
    const id = tokenId(token);
    if (id === undefined) return undefined;
    const entry = (await this.current()).find((e) => e.id === id);
    if (!entry) return undefined;
    const known = this.verified.get(token);
    if (known?.hash !== entry.hash || known.salt !== entry.salt) {
      if (!(await tokenMatches(token, entry.salt, entry.hash))) return undefined;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(token, entry);
    }
    this.markUsed(entry.name);
    return { name: entry.name, role: entry.role };
  }

  /** Writes the pending last-use times (also done every `lastUsedFlushMs`). */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.lastUsed.size === 0) return;
    const pending = Object.fromEntries(this.lastUsed);
    this.lastUsed.clear();
    const stored = (await this.lake.readJson<Record<string, string>>(LAST_USED_KEY).catch(() => undefined)) ?? {};
    await this.lake.writeJson(LAST_USED_KEY, { ...stored, ...pending });
  }

  private markUsed(name: string): void {
    this.lastUsed.set(name, new Date().toISOString());
    this.flushTimer ??= setTimeout(() => void this.flush().catch(() => {}), this.lastUsedFlushMs).unref();
  }

  private async current(): Promise<TokenEntry[]> {
    if (this.entries !== undefined && performance.now() - this.loadedAt < this.refreshMs) return this.entries;
    this.loading ??= readTokens(this.lake)
      .then((entries) => {
        this.entries = entries;
        this.loadedAt = performance.now();
        return entries;
      })
      .catch((error: unknown) => {
        // Fail closed: without the token file nobody can be checked. The
        // cause (which may name a path or a host) stays out of the answer.
        throw new AppError('UNAVAILABLE', 'cannot read the API tokens in the lake', { cause: toAppError(error) });
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
