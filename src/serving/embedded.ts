import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../core/errors.ts';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import type { Lake } from '../lake/lake.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../pipeline/manifest.ts';
import { EmbeddedDb } from './embedded-db.ts';
import { openLiveViews } from './embedded-live.ts';
import { countSql, selectSql } from './embedded-sql.ts';
import { checkQuery, isPaged } from './find-query.ts';
import type { Publication } from './publish.ts';
import { ResultCache } from './result-cache.ts';
import type { FindQuery, FindResult, ServingStore, StoreInfo } from './store.ts';

/**
 * The zero-service store: DuckDB in this process.
 *
 * It serves the database file `publish` builds (`<lake>/serving/gold.duckdb`)
 * when there is one, else views straight over the lake's gold Parquet, so
 * `electrolake run && electrolake serve` works without a publish. Why a
 * file built by publish rather than always the Parquet: it is a consistent
 * snapshot of one run (a run replaces gold files one by one), it has the
 * served shape already (scores joined with the client's country, sorted,
 * indexed), and its tables answer several times faster than Parquet scans.
 *
 * The database is opened read-only and reopened when the file changes
 * (publish renames a new one over it; the old one stays readable until
 * its last query ends). Whether it changed is checked at most every
 * `recheckMs`, so a request costs no file-system call. Each opened database
 * keeps an LRU of query results: its data cannot change, so the cache is
 * exact, and it goes with the database when a new one replaces it.
 */
export interface EmbeddedOptions {
  lake: Lake;
  /** The database file `publish` writes (see `embedded-path.ts`). */
  snapshot: string;
  /** Keep query results per opened database (default true). */
  cache?: boolean;
  recheckMs?: number;
}

interface Opened {
  generation: string;
  db: EmbeddedDb;
  tables: ReadonlySet<GoldTableName>;
  info: StoreInfo;
  cache: ResultCache<FindResult> | undefined;
}

export class EmbeddedStore implements ServingStore {
  readonly kind = 'embedded' as const;
  private current: Opened | undefined;
  private checkedAt = 0;
  private refreshing: Promise<Opened> | undefined;
  private closed = false;
  private readonly recheckMs: number;

  constructor(private readonly options: EmbeddedOptions) {
    this.recheckMs = options.recheckMs ?? (options.lake.kind === 'local' ? 250 : 5_000);
  }

  async find(table: GoldTableName, query: FindQuery = {}): Promise<FindResult> {
    checkQuery(table, query);
    const opened = await this.opened();
    if (!opened.tables.has(table)) {
      throw new AppError('EMPTY', `${table} is not in the embedded store (${opened.info.source}): run electrolake run, then electrolake publish`, {
        details: { table },
      });
    }
    const { signal, maxTimeMs: _maxTimeMs, ...shape } = query;
    const key = `${table}\u0000${JSON.stringify(shape)}`;
    const cached = opened.cache?.get(key);
    if (cached) return cached;

    // A page and its total are two statements (on two connections): a
    // window count would cost DuckDB its top-N shortcut for ORDER BY … LIMIT.
    const select = selectSql(table, query);
    const [rows, matching] = await Promise.all([
      opened.db.query(select.sql, select.params, signal),
      isPaged(query) ? count(opened, table, query, signal) : undefined,
    ]);
    if (rows.length === 0 && (await count(opened, table, {})) === 0) {
      throw new AppError('EMPTY', `${table} is empty in the embedded store (${opened.info.source})`, { details: { table } });
    }
    const total = matching ?? rows.length;
    const result: FindResult = { rows: rows.map((r) => Object.freeze(r)), total };
    opened.cache?.set(key, result, rows.length);
    return result;
  }

  async ping(): Promise<void> {
    await (await this.opened()).db.query('SELECT 1');
  }

  async info(): Promise<StoreInfo> {
    return (await this.opened()).info;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.current?.db.retire();
    this.current = undefined;
  }

  /** The database to query: the current one, or a new one if the publication changed. */
  private async opened(): Promise<Opened> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'the embedded store is closed');
    if (this.current && Date.now() - this.checkedAt < this.recheckMs) return this.current;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<Opened> {
    const generation = await this.generation();
    if (this.current?.generation !== generation) {
      const next = generation.startsWith('file:') ? await this.openSnapshot(generation) : await this.openLive(generation);
      const previous = this.current;
      this.current = next;
      previous?.db.retire();
    }
    this.checkedAt = Date.now();
    return this.current;
  }

  /** Identifies what there is to serve: the database file's identity, else the lake's last run. */
  private async generation(): Promise<string> {
    const file = await stat(this.options.snapshot).catch(() => undefined);
    if (file) return `file:${file.ino}:${file.size}:${file.mtimeMs}`;
    const manifest = await this.options.lake.readJson<RunManifest>(LATEST_RUN_KEY).catch(() => undefined);
    return `live:${manifest?.run_id ?? 'none'}:${manifest?.finished_at ?? ''}`;
  }

  private async openSnapshot(generation: string): Promise<Opened> {
    const db = await EmbeddedDb.open(this.options.snapshot);
    const [row] = await db.query('SELECT publication FROM _publication');
    const publication = JSON.parse(String(row?.['publication'] ?? '{}')) as Partial<Publication>;
    const names = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
    const present = new Set(names.map((r) => String(r['table_name'])));
    return {
      generation,
      db,
      tables: new Set(GOLD_TABLES.filter((t) => present.has(t))),
      info: {
        kind: 'embedded',
        source: `embedded:${this.options.snapshot}`,
        public_source: `embedded:${basename(this.options.snapshot)}`,
        publication: publication.published_at ?? null,
        run_id: publication.run_id ?? null,
        as_of: publication.as_of ?? null,
        published_at: publication.published_at ?? null,
      },
      cache: this.newCache(),
    };
  }

  private async openLive(generation: string): Promise<Opened> {
    const { db, tables, manifest } = await openLiveViews(this.options.lake);
    return {
      generation,
      db,
      tables,
      info: {
        kind: 'embedded',
        source: `embedded:${this.options.lake.uri}/gold (not published)`,
        public_source: 'embedded:gold (not published)',
        publication: null,
        run_id: manifest?.run_id ?? null,
        as_of: manifest?.as_of ?? null,
        published_at: null,
      },
      cache: this.newCache(),
    };
  }

  private newCache(): ResultCache<FindResult> | undefined {
    return this.options.cache === false ? undefined : new ResultCache<FindResult>();
  }
}

async function count(opened: Opened, table: GoldTableName, query: FindQuery, signal?: AbortSignal): Promise<number> {
  const sql = countSql(table, query.filters ?? []);
  const [row] = await opened.db.query(sql.sql, sql.params, signal);
  return Number(row?.['n'] ?? 0);
}
