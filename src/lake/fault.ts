import { settings } from '../core/config.ts';
import { AppError } from '../core/errors.ts';

/**
 * Counts the writes and renames of a commit, so a test can make the Nth one
 * fail (`ELECTROLAKE_FAULT_COMMIT_STEP=N`) the way a full disk or an I/O
 * error would: the step is not done and the commit sees an IO error. With
 * the variable unset this only counts. Every write or rename of a commit goes
 * through `step`, so a test that walks N = 1, 2, … until a run succeeds
 * without the fault firing has tried a failure at every one of them.
 * `ELECTROLAKE_SLOW_COMMIT_MS=N` makes each step wait N ms first, as a slow
 * storage would, so a test can act while a commit is under way.
 */
export class CommitSteps {
  private count = 0;
  private readonly failAt: number;
  private readonly delayMs: number;

  /** `faults = false` for writes outside a commit: they are counted by nobody. */
  constructor(faults = true) {
    this.failAt = faults ? settings().faultCommitStep : 0;
    this.delayMs = faults ? settings().slowCommitMs : 0;
  }

  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.count += 1;
    if (this.delayMs > 0) await new Promise((done) => setTimeout(done, this.delayMs));
    if (this.count === this.failAt) {
      throw new AppError('IO', `injected fault at commit step ${this.count} (${name})`);
    }
    return action();
  }
}
