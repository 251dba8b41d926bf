import type { Lake } from '../lake/lake.ts';

/**
 * Who saw which people: one line per answer that carried personal data
 * (names, e-mails), with the time, the token's name, the endpoint and the
 * number of clients in the answer. A lake has no append, so lines are
 * buffered and written every `flushMs` as one new document
 * `_audit/<day>/<time>-<pid>-<n>.json`; reading them in key order gives
 * the log in time order, local or S3.
 */
export const AUDIT_PREFIX = '_audit';

export interface AuditLine {
  time: string;
  token: string;
  endpoint: string;
  clients: number;
}

export class AuditLog {
  private pending: AuditLine[] = [];
  private timer: NodeJS.Timeout | undefined;
  private written = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly lake: Lake,
    private readonly flushMs = 2_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  record(line: Omit<AuditLine, 'time'>): void {
    this.pending.push({ time: new Date().toISOString(), ...line });
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }

  /** Writes what is pending (at shutdown, and by tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pending;
    this.pending = [];
    if (lines.length > 0) {
      const first = lines[0]?.time ?? new Date().toISOString();
      const key = `${AUDIT_PREFIX}/${first.slice(0, 10)}/${first.replace(/[:.]/g, '-')}-${process.pid}-${this.written++}.json`;
      this.writing = this.writing.then(() => this.lake.writeJson(key, { lines })).catch(this.onError);
    }
    await this.writing;
  }
}

/** The audit lines at or after `since` (an ISO date or time), oldest first. */
export async function readAudit(lake: Lake, since = ''): Promise<AuditLine[]> {
  const days = (await lake.listKeys(AUDIT_PREFIX)).filter((d) => d.slice(AUDIT_PREFIX.length + 1) >= since.slice(0, 10));
  const lines: AuditLine[] = [];
  for (const day of days) {
    for (const key of await lake.listKeys(day)) {
      if (!key.endsWith('.json')) continue;
      const document = await lake.readJson<{ lines?: AuditLine[] }>(key);
      lines.push(...(document?.lines ?? []).filter((l) => l.time >= since));
    }
  }
  return lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
