import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { serial } from '../core/concurrency.ts';
import { AppError } from '../core/errors.ts';
import { openDuckDb, plainRows, runSql } from '../engines/duckdb/database.ts';
import { stopped } from './find-query.ts';
import type { ServedRow } from './store.ts';

/**
 * One opened DuckDB database for the embedded store: a few connections
 * (DuckDB runs one statement per connection at a time; two let a slow
 * `/scores` page not hold up `/kpis` on a 2-core box), and a count of
 * statements in flight so a replaced database is closed only once idle.
 */
export class EmbeddedDb {
  private inFlight = 0;
  private retired = false;
  private closed = false;
  private next = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connections: { connection: DuckDBConnection; oneAtATime: ReturnType<typeof serial> }[],
  ) {}

  /** `path` is a database file opened read-only, or `:memory:`. */
  static async open(path: string, options: { connections?: number } = {}): Promise<EmbeddedDb> {
    const instance = await openDuckDb({
      path,
      profile: 'serving',
      readOnly: path !== ':memory:',
      openError: (message, cause) => new AppError('UNAVAILABLE', message.replace('DuckDB', 'the embedded store'), { cause }),
    });
    const connections = [];
    for (let i = 0; i < (options.connections ?? 2); i++) {
      connections.push({ connection: await instance.connect(), oneAtATime: serial() });
    }
    return new EmbeddedDb(instance, connections);
  }

  /** Runs a statement with bound parameters; rows as plain objects (the value policy of engines/duckdb/database.ts). */
  async query(sql: string, params: readonly (string | number | boolean)[] = [], signal?: AbortSignal): Promise<ServedRow[]> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'the embedded store was closed');
    const slot = this.connections[this.next++ % this.connections.length];
    if (!slot) throw new AppError('INTERNAL', 'embedded store has no connection');
    this.inFlight++;
    // Statements on one connection run one after the other.
    const run = slot.oneAtATime(() => interruptible(slot.connection, signal, () => runSql(slot.connection, sql, params, 'embedded store')));
    try {
      return plainRows(await run) as ServedRow[];
    } catch (error) {
      if (signal?.aborted) throw stopped(signal);
      throw error;
    } finally {
      this.inFlight--;
      if (this.retired && this.inFlight === 0) this.closeNow();
    }
  }

  /** Closes now if idle, else as soon as the statements in flight finish. */
  retire(): void {
    this.retired = true;
    if (this.inFlight === 0) this.closeNow();
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    for (const { connection } of this.connections) connection.closeSync();
    this.instance.closeSync();
  }
}

/** Runs a statement that DuckDB interrupts when `signal` fires (and never starts once it has). */
async function interruptible<T>(connection: DuckDBConnection, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  if (!signal) return run();
  signal.throwIfAborted();
  const interrupt = () => connection.interrupt();
  signal.addEventListener('abort', interrupt, { once: true });
  try {
    return await run();
  } finally {
    signal.removeEventListener('abort', interrupt);
  }
}
