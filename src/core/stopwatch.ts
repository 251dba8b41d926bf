/**
 * The one way the code times anything: a monotonic clock (performance.now,
 * never Date.now, which jumps with the system clock) read as milliseconds or
 * seconds, rounded where a number is stored and formatted where it is logged.
 */
export interface Stopwatch {
  /** Milliseconds since the start, to the microsecond (the API's `query_ms`). */
  ms(): number;
  /** Seconds since the start; rounded to `digits` decimals when given (manifests and reports store hundredths). */
  seconds(digits?: number): number;
  /** Seconds since the start for a log line: `12.3 s` (`digits` decimals). */
  text(digits?: number): string;
}

export function stopwatch(): Stopwatch {
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  return {
    ms: () => Math.round(elapsed() * 1000) / 1000,
    seconds: (digits) => (digits === undefined ? elapsed() / 1000 : Number((elapsed() / 1000).toFixed(digits))),
    text: (digits = 1) => `${(elapsed() / 1000).toFixed(digits)} s`,
  };
}

/** Runs `action` and gives its result with the seconds it took (exact: benches and fit metrics sum them). */
export async function timed<T>(action: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const watch = stopwatch();
  const result = await action();
  return { result, seconds: watch.seconds() };
}

/** `timed` for synchronous work (the BTYD fits), which must not become a promise. */
export function timedSync<T>(action: () => T): { result: T; seconds: number } {
  const watch = stopwatch();
  const result = action();
  return { result, seconds: watch.seconds() };
}
