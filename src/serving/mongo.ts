import { MongoClient, MongoTopologyClosedError, type Db, type MongoClientOptions } from 'mongodb';
import { AppError } from '../core/errors.ts';
import type { GoldTableName } from '../core/schema.ts';
import { checkQuery, isPaged, stopped } from './find-query.ts';
import { mongoError, mongoFilter, mongoSort, redactUri, toRow } from './mongo-docs.ts';
import { collectionIn, readPointer, type PublicationPointer } from './mongo-publication.ts';
import { SERVED } from './served.ts';
import type { FindQuery, FindResult, ServingStore, StoreInfo } from './store.ts';

export interface MongoOptions {
  uri: string;
  db: string;
  /** How long a request waits for an unreachable server before 503 (default 1.5 s). */
  serverSelectionTimeoutMS?: number;
  /** How long the publication pointer is trusted before it is read again (default 1 s). */
  recheckMs?: number;
}

/**
 * The MongoDB store (docs/contract/serving.md), through the official driver. It connects on
 * the first request; once connected the driver reconnects by itself, so the
 * API answers 503 quickly while the server is down (short server selection
 * timeout) and serves again as soon as it is back, without a restart. A
 * first connection that fails closes the driver's client for good, so that
 * client is dropped and the next request makes a new one.
 *
 * Collections are read through the publication pointer (mongo-publication.ts),
 * cached and re-read at most every `recheckMs`: a request resolves it once
 * (`pinned()`), so its data, counts and `meta.publication` all come from one
 * publication. Unfiltered counts and the empty (503) decision come from the
 * pointer's per-collection counts, not from the server.
 */
export class MongoStore implements ServingStore {
  readonly kind = 'mongo' as const;
  private client: MongoClient | undefined;
  private connecting: Promise<MongoClient> | undefined;
  private closed = false;
  private readonly clientOptions: MongoClientOptions;
  private readonly where: string;
  private readonly source: string;
  private publication: { at: number; value: Promise<PublicationPointer | null> } | undefined;
  private readonly recheckMs: number;

  constructor(private readonly options: MongoOptions) {
    const timeout = options.serverSelectionTimeoutMS ?? 1_500;
    // A down server refuses connections at once, so the short server
    // selection timeout is what bounds a 503. The connect timeout also bounds
    // the driver's heartbeats: kept longer, so a server slowed by a burst of
    // heavy queries is not declared down (and its pool cleared) mid-burst.
    this.clientOptions = { serverSelectionTimeoutMS: timeout, connectTimeoutMS: 10_000, socketTimeoutMS: 30_000, maxPoolSize: 20 };
    this.where = `${redactUri(options.uri)} (database ${options.db})`;
    this.source = `mongo:${options.db} at ${redactUri(options.uri)}`;
    this.recheckMs = options.recheckMs ?? 1_000;
  }

  async find(table: GoldTableName, query: FindQuery = {}): Promise<FindResult> {
    return this.findIn(await this.pointer(), table, query);
  }

  async info(): Promise<StoreInfo> {
    return this.infoOf(await this.pointer());
  }

  /** A view of this store on the publication current now, resolved on first use and kept for every call. */
  pinned(): ServingStore {
    let pointer: Promise<PublicationPointer | null> | undefined;
    const resolve = () => (pointer ??= this.pointer());
    return {
      kind: this.kind,
      find: async (table, query = {}) => this.findIn(await resolve(), table, query),
      info: async () => this.infoOf(await resolve()),
      ping: () => this.ping(),
      close: async () => {},
    };
  }

  async ping(): Promise<void> {
    try {
      await (await this.db()).command({ ping: 1 });
    } catch (error) {
      throw this.failed(error);
    }
  }

  private async findIn(pointer: PublicationPointer | null, table: GoldTableName, query: FindQuery): Promise<FindResult> {
    checkQuery(table, query);
    if (!pointer) {
      throw new AppError('EMPTY', `nothing is published in ${this.where}: run electrolake publish`, {
        details: { table, collection: SERVED[table].collection },
      });
    }
    const name = collectionIn(pointer, table);
    const stored = pointer.counts[table] ?? 0;
    if (stored === 0) {
      throw new AppError('EMPTY', `collection ${SERVED[table].collection} is empty in publication ${pointer.version} of ${this.where}: run electrolake publish`, {
        details: { table, collection: name, publication: pointer.version },
      });
    }
    const filters = query.filters ?? [];
    const filter = mongoFilter(table, filters);
    try {
      const collection = (await this.db()).collection(name);
      const limits = { ...(query.signal ? { signal: query.signal } : {}), ...(query.maxTimeMs ? { maxTimeMS: query.maxTimeMs } : {}) };
      let cursor = collection.find(filter, { projection: { _id: 0 }, ...limits }).sort(mongoSort(table, query));
      if (query.offset) cursor = cursor.skip(query.offset);
      if (query.limit !== undefined) cursor = cursor.limit(query.limit);
      const [docs, total] = await Promise.all([
        cursor.toArray(),
        // A version is written once and never changed: without a filter,
        // the count recorded at publish is exact.
        !isPaged(query) ? undefined : filters.length === 0 ? stored : collection.countDocuments(filter, limits),
      ]);
      return { rows: docs.map((d) => toRow(table, d)), total: total ?? docs.length };
    } catch (error) {
      if (query.signal?.aborted) throw stopped(query.signal);
      throw this.failed(error);
    }
  }

  private infoOf(pointer: PublicationPointer | null): StoreInfo {
    return {
      kind: 'mongo',
      source: this.source,
      public_source: `mongo:${this.options.db}`,
      publication: pointer?.version ?? null,
      run_id: pointer?.run_id ?? null,
      as_of: pointer?.as_of ?? null,
      published_at: pointer?.published_at ?? null,
    };
  }

  /**
   * The pointer, read again at most every `recheckMs` (one small document
   * by `_id`): a publish or a rollback shows within that time, and requests
   * in between cost the server nothing extra. Null: nothing published yet.
   */
  private async pointer(): Promise<PublicationPointer | null> {
    const now = Date.now();
    if (!this.publication || now - this.publication.at > this.recheckMs) {
      const value = this.db().then((db) => readPointer(db));
      this.publication = { at: now, value };
      value.catch(() => {
        if (this.publication?.value === value) this.publication = undefined;
      });
    }
    try {
      return await this.publication.value;
    } catch (error) {
      throw this.failed(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.close();
  }

  /** The database, connecting first if needed (one connection attempt at a time). */
  private async db(): Promise<Db> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'the mongo store is closed');
    if (this.client) return this.client.db(this.options.db);
    this.connecting ??= (async () => {
      const client = new MongoClient(this.options.uri, this.clientOptions);
      try {
        await client.connect();
        this.client = client;
        return client;
      } catch (error) {
        await client.close().catch(() => undefined);
        throw error;
      } finally {
        this.connecting = undefined;
      }
    })();
    return (await this.connecting).db(this.options.db);
  }

  /** Maps a driver error; a client whose topology was closed is dropped so the next request reconnects. */
  private failed(error: unknown): AppError {
    if (error instanceof MongoTopologyClosedError && !this.closed) {
      const client = this.client;
      this.client = undefined;
      void client?.close().catch(() => undefined);
    }
    return mongoError(error, this.where);
  }
}
