import type { WatchedFile } from './landing-lister.ts';

/**
 * Decides, poll after poll, when the landing holds new files that have
 * finished arriving. A file counts as landed once its version (size and
 * modification time; for an S3 object also its ETag) is the same at two
 * polls at least `settleMs` apart: a copy in progress grows between polls
 * and an object being rewritten changes, so a half-landed file is never
 * ingested. The same for a local folder and a bucket (see landing-lister).
 */
export class LandingWatch {
  private readonly seen = new Map<string, { version: string; since: number }>();
  /** The new files of an attempt that failed: not tried again until they change. */
  private failed: string | undefined;

  constructor(private readonly settleMs: number) {}

  /**
   * What to do after a poll: `refresh` when every new file has settled,
   * `wait` while some are still arriving (with their names), `idle` when
   * nothing is new (or only what already failed, unchanged).
   */
  decide(files: readonly WatchedFile[], now: number): { action: 'refresh' | 'wait' | 'idle'; files: string[]; signature: string } {
    const fresh = files.filter((f) => !f.ingested);
    const arriving: string[] = [];
    for (const f of fresh) {
      const before = this.seen.get(f.name);
      if (before?.version !== f.version) {
        this.seen.set(f.name, { version: f.version, since: now });
        arriving.push(f.name);
      } else if (now - before.since < this.settleMs) {
        arriving.push(f.name);
      }
    }
    for (const name of this.seen.keys()) if (!fresh.some((f) => f.name === name)) this.seen.delete(name);
    const signature = fresh.map((f) => `${f.name}:${f.version}`).join('|');
    if (fresh.length === 0 || signature === this.failed) return { action: 'idle', files: [], signature };
    if (arriving.length > 0) return { action: 'wait', files: arriving, signature };
    return { action: 'refresh', files: fresh.map((f) => f.name), signature };
  }

  /** Records an attempt's outcome: a failed set of files waits for a change before the next attempt. */
  attempted(signature: string, ok: boolean): void {
    this.failed = ok ? undefined : signature;
  }
}
