import { spawnSync, type SpawnSyncOptionsWithStringEncoding, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stopwatch } from '../core/stopwatch.ts';

/** A finished child process with its whole-process wall clock and CPU seconds. */
export interface MeasuredRun {
  result: SpawnSyncReturns<string>;
  /** From spawn to exit, start-up included (what a user waits for). */
  wallSeconds: number;
  /** User + system CPU of the child and its threads; null where /proc cannot tell (not Linux). */
  cpuSeconds: number | null;
}

/**
 * Runs a command to its end and measures it. CPU time is read from the
 * kernel's count of waited-for children (`cutime` + `cstime` of
 * /proc/self/stat), before and after: on a shared machine where runs wait
 * for a core, CPU seconds compare engines more steadily than wall clock.
 */
export function measuredSpawn(command: string, args: string[], options: SpawnSyncOptionsWithStringEncoding): MeasuredRun {
  const cpuBefore = childrenCpuSeconds();
  const watch = stopwatch();
  const result = spawnSync(command, args, options);
  const wallSeconds = watch.seconds();
  const cpuAfter = childrenCpuSeconds();
  return { result, wallSeconds, cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/** CPU seconds of this process's waited-for children, from /proc/self/stat (fields 16 and 17, in clock ticks). */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    // USER_HZ is 100 on every Linux ABI Node runs on.
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}
