import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../core/errors.ts';
import { isAlive } from './pid.ts';

/** Who holds a lake's writer lock: enough to find the process, and to tell a dead one. */
export interface LockHolder {
  pid: number;
  host: string;
  started_at: string;
  command: string;
}

export interface WriterLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a live holder (0: fail at once). */
  waitSeconds: number;
  /** What takes the lock (`run`, `vacuum`), recorded for the next one to name. */
  command: string;
  log: (line: string) => void;
}

/**
 * Where a lock lives: a file created with O_EXCL (local), or an object
 * created with `If-None-Match: *` (S3). Each operation is atomic on its
 * own; `acquireLock` builds the protocol on top.
 */
export interface LockStore {
  /** Where the lock is, for messages. */
  readonly where: string;
  /** Creates the lock if there is none; false if one exists. */
  create(text: string): Promise<boolean>;
  /** The current lock's text and a token naming that very version of it, or undefined. */
  read(): Promise<{ text: string; token: string } | undefined>;
  /** Replaces the lock version `token` by `text`; false if it changed meanwhile (someone else took it over). */
  replace(token: string, text: string): Promise<boolean>;
  remove(): Promise<void>;
}

const POLL_MS = 250;

/**
 * One writer per lake. Takes the lock at once when it is free; takes it
 * over (and says so) when its holder is a process of this host that is gone;
 * otherwise waits up to `waitSeconds`, then fails with one line naming the
 * holder (exit 3). A holder on another host is never presumed dead.
 */
export async function acquireLock(store: LockStore, options: LockOptions): Promise<WriterLock> {
  const me: LockHolder = { pid: process.pid, host: hostname(), started_at: new Date().toISOString(), command: options.command };
  const text = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + options.waitSeconds * 1000;
  let said = false;
  for (;;) {
    if (await store.create(text)) return { holder: me, release: () => store.remove() };
    const current = await store.read();
    if (current === undefined) continue; // released between our two looks
    const holder = parseHolder(current.text);
    if (holder === undefined || isDead(holder)) {
      if (await store.replace(current.token, text)) {
        options.log(`lock: took over the lock of ${holder === undefined ? 'an unreadable holder' : describeHolder(holder)}, whose process is gone`);
        return { holder: me, release: () => store.remove() };
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new AppError('UNAVAILABLE', `the lake is locked by ${describeHolder(holder)} (${store.where}); try again later or pass --wait SECONDS`, {
        details: { holder },
      });
    }
    if (!said) options.log(`lock: waiting for ${describeHolder(holder)}`);
    said = true;
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
}

export function describeHolder(holder: LockHolder): string {
  return `\`${holder.command}\` (pid ${holder.pid} on ${holder.host}, since ${holder.started_at})`;
}

function isDead(holder: LockHolder): boolean {
  return holder.host === hostname() && !isAlive(holder.pid);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}
