import pLimit from 'p-limit';

/**
 * Maps `fn` over `items` with at most `limit` calls at once, results in the
 * items' order. Stops on the first error: no new call starts after it, the
 * running ones are awaited (so nothing is left writing behind the caller's
 * back), then that first error is thrown.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const run = pLimit(Math.max(1, limit));
  let failure: { error: unknown } | undefined;
  const settled = await Promise.allSettled(items.map((item) => run(async () => {
    if (failure) throw failure.error; // queued after the failure: never started
    try {
      return await fn(item);
    } catch (error) {
      failure ??= { error };
      throw error;
    }
  })));
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/** A mutex: tasks given to the returned function run one after the other, in call order, whatever became of the previous one. */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  const one = pLimit(1);
  return <T>(task: () => Promise<T>) => one(task);
}
