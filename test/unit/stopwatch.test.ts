import { describe, expect, it } from 'vitest';
import { stopwatch, timed, timedSync } from '../../src/core/stopwatch.ts';

describe('stopwatch', () => {
  it('reads the same elapsed time as milliseconds, seconds and a log text', async () => {
    const watch = stopwatch();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const ms = watch.ms();
    expect(ms).toBeGreaterThanOrEqual(25);
    expect(ms).toBeLessThan(2_000);
    expect(watch.seconds()).toBeGreaterThanOrEqual(ms / 1000);
    expect(String(watch.seconds(2))).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(watch.text()).toMatch(/^\d+\.\d s$/);
    expect(watch.text(3)).toMatch(/^\d+\.\d{3} s$/);
  });

  it('times an action, keeping its result', async () => {
    const asynchronous = await timed(async () => 'done');
    expect(asynchronous.result).toBe('done');
    expect(asynchronous.seconds).toBeGreaterThanOrEqual(0);
    const synchronous = timedSync(() => 42);
    expect(synchronous).toEqual({ result: 42, seconds: expect.any(Number) });
  });
});
