import { describe, expect, it } from 'vitest';
import { mapLimit, serial } from '../../src/core/concurrency.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapLimit', () => {
  it('keeps the order of results and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await tick(n);
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('stops on the first error: nothing new starts, the running call finishes, then the error is thrown', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failing = mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('boom 1');
      await tick(20);
      finished.push(n);
      return n;
    });
    await expect(failing).rejects.toThrow('boom 1');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});

describe('serial', () => {
  it('runs tasks one after the other in call order, past a failing one', async () => {
    const one = serial();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => one(async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([task('a', 15, true), task('b', 1), task('c', 5)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
