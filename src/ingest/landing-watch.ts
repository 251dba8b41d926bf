import type { IngestedFile } from './registry.ts';
import type { LandedFile } from './landing.ts';

/**
 * Decides, poll after poll, when the landing folder holds new files that
 * have finished arriving. A file counts as landed once its size and
 * modification time are the same at two polls at least `settleMs` apart:
 * a copy in progress grows between polls, so a half-copied file is never
 * ingested. Works the same for a local folder and a bucket listing.
 */
export class LandingWatch {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();
  /** The new files of an attempt that failed: not tried again until they change. */
  private failed: string | undefined;

  constructor(private readonly settleMs: number) {}

  /**
   * What to do after a poll: `refresh` when every new file has settled,
   * `wait` while some are still arriving (with their names), `idle` when
   * nothing is new (or only what already failed, unchanged).
   */
  decide(files: readonly LandedFile[], registered: readonly IngestedFile[], now: number): { action: 'refresh' | 'wait' | 'idle'; files: string[]; signature: string } {
    const isRegistered = (f: LandedFile) => registered.some((r) => r.name === f.name && r.size === f.size && r.mtime_ms === f.mtimeMs);
    const fresh = files.filter((f) => !isRegistered(f));
    const arriving: string[] = [];
    for (const f of fresh) {
      const before = this.seen.get(f.name);
      if (before === undefined || before.size !== f.size || before.mtimeMs !== f.mtimeMs) {
        this.seen.set(f.name, { size: f.size, mtimeMs: f.mtimeMs, since: now });
        arriving.push(f.name);
      } else if (now - before.since < this.settleMs) {
        arriving.push(f.name);
      }
    }
    for (const name of this.seen.keys()) if (!fresh.some((f) => f.name === name)) this.seen.delete(name);
    const signature = fresh.map((f) => `${f.name}:${f.size}:${f.mtimeMs}`).join('|');
    if (fresh.length === 0 || signature === this.failed) return { action: 'idle', files: [], signature };
    if (arriving.length > 0) return { action: 'wait', files: arriving, signature };
    return { action: 'refresh', files: fresh.map((f) => f.name), signature };
  }

  /** Records an attempt's outcome: a failed set of files waits for a change before the next attempt. */
  attempted(signature: string, ok: boolean): void {
    this.failed = ok ? undefined : signature;
  }
}
