import { existsSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sparkRemote } from '../core/config.ts';
import { parseRemote } from '../engines/spark/connect/remote.ts';

/**
 * The local Spark Connect server that scripts/services/spark.sh started, seen
 * from /proc: a Spark run's memory is the server's (a JVM), not the CLI's,
 * so the bench reads the server's peak RSS around each run. A remote
 * cluster (SPARK_REMOTE elsewhere) is out of sight: no figure, not a guess.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PID_FILE = join(ROOT, '.cache/run/spark.pid');

export interface LocalSparkServer {
  pid: number;
  /** The pyspark package whose jars the server runs (`4.2.1`), from its class path. */
  pyspark: string | undefined;
  /** The JVM's version (`17.0.15`), from the `release` file of its Java home. */
  java: string | undefined;
}

/** The server behind SPARK_REMOTE when it is spark.sh's loopback one and alive, else undefined. */
export function localSparkServer(): LocalSparkServer | undefined {
  const remote = parseRemote(sparkRemote());
  if (!['127.0.0.1', 'localhost', '::1'].includes(remote.host) || !existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  if (!Number.isInteger(pid) || !existsSync(`/proc/${pid}/status`)) return undefined;
  const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  return { pid, pyspark: /pyspark-(\d+\.\d+\.\d+)\//.exec(commandLine)?.[1], java: javaVersion(pid) };
}

/**
 * Starts a new peak for the process: writing 5 to clear_refs resets the
 * kernel's high-water mark (VmHWM) to the current RSS (Linux 4.0+). A JVM
 * keeps the heap it has grown to, so the peak of a run is at least what the
 * server held before it. False when the kernel does not allow it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, in MB. */
export function residentMemory(pid: number): { peak_mb: number; rss_mb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const [peak, rss] = [kb('VmHWM'), kb('VmRSS')];
    return Number.isFinite(peak) && Number.isFinite(rss) ? { peak_mb: Math.round(peak / 1024), rss_mb: Math.round(rss / 1024) } : undefined;
  } catch {
    return undefined;
  }
}

function javaVersion(pid: number): string | undefined {
  try {
    const javaHome = dirname(dirname(readlinkSync(`/proc/${pid}/exe`)));
    return /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(join(javaHome, 'release'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
