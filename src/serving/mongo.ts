import { MongoClient, MongoTopologyClosedError, type Db, type MongoClientOptions } from 'mongodb';
import { AppError } from '../core/errors.ts';
import type { GoldTableName } from '../core/schema.ts';
import { checkQuery, isPaged, stopped } from './find-query.ts';
import { mongoError, mongoFilter, mongoSort, redactUri, toRow } from './mongo-docs.ts';
import type { Publication } from './publish.ts';
import { SERVED } from './served.ts';
import type { FindQuery, FindResult, ServingStore, StoreInfo } from './store.ts';

/** The collection where publish records what it published (one document). */
export const PUBLICATION_COLLECTION = 'serving_publication';

export interface MongoOptions {
  uri: string;
  db: string;
  /** How long a request waits for an unreachable server before 503 (default 1.5 s). */
  serverSelectionTimeoutMS?: number;
}

/**
 * The MongoDB store (SPEC §6), through the official driver. It connects on
 * the first request; once connected the driver reconnects by itself, so the
 * API answers 503 quickly while the server is down (short server selection
 * timeout) and serves again as soon as it is back, without a restart. A
 * first connection that fails closes the driver's client for good, so that
 * client is dropped and the next request makes a new one. Nothing is
 * cached: every request reads the collections as they are.
 */
export class MongoStore implements ServingStore {
  readonly kind = 'mongo' as const;
  private client: MongoClient | undefined;
  private connecting: Promise<MongoClient> | undefined;
  private closed = false;
  private readonly clientOptions: MongoClientOptions;
  private readonly where: string;
  private readonly source: string;
  private publication: { at: number; value: Promise<Partial<Publication> | null> } | undefined;

  constructor(private readonly options: MongoOptions) {
    const timeout = options.serverSelectionTimeoutMS ?? 1_500;
    // A down server refuses connections at once, so the short server
    // selection timeout is what bounds a 503. The connect timeout also bounds
    // the driver's heartbeats: kept longer, so a server slowed by a burst of
    // heavy queries is not declared down (and its pool cleared) mid-burst.
    this.clientOptions = { serverSelectionTimeoutMS: timeout, connectTimeoutMS: 10_000, socketTimeoutMS: 30_000, maxPoolSize: 20 };
    this.where = `${redactUri(options.uri)} (database ${options.db})`;
    this.source = `mongo:${options.db} at ${redactUri(options.uri)}`;
  }

  async find(table: GoldTableName, query: FindQuery = {}): Promise<FindResult> {
    checkQuery(table, query);
    const filter = mongoFilter(table, query.filters ?? []);
    try {
      const collection = (await this.db()).collection(SERVED[table].collection);
      const limits = { ...(query.signal ? { signal: query.signal } : {}), ...(query.maxTimeMs ? { maxTimeMS: query.maxTimeMs } : {}) };
      let cursor = collection.find(filter, { projection: { _id: 0 }, ...limits }).sort(mongoSort(table, query));
      if (query.offset) cursor = cursor.skip(query.offset);
      if (query.limit !== undefined) cursor = cursor.limit(query.limit);
      const [docs, total] = await Promise.all([
        cursor.toArray(),
        // Collections are replaced whole, never written in place: without a
        // filter the collection's own count is exact, and costs no scan.
        !isPaged(query)
          ? Promise.resolve(undefined)
          : (query.filters ?? []).length === 0
            ? collection.estimatedDocumentCount(limits)
            : collection.countDocuments(filter, limits),
      ]);
      if (docs.length === 0 && (await collection.estimatedDocumentCount()) === 0) {
        throw new AppError('EMPTY', `collection ${SERVED[table].collection} is empty or missing in ${this.where}: run electrolake publish`, {
          details: { table, collection: SERVED[table].collection },
        });
      }
      return { rows: docs.map((d) => toRow(table, d)), total: total ?? docs.length };
    } catch (error) {
      if (query.signal?.aborted) throw stopped(query.signal);
      throw this.failed(error);
    }
  }

  async ping(): Promise<void> {
    try {
      await (await this.db()).command({ ping: 1 });
    } catch (error) {
      throw this.failed(error);
    }
  }

  /**
   * The publication document, re-read at most once a second: meta.as_of on
   * every response must not double the load on the server.
   */
  async info(): Promise<StoreInfo> {
    const now = Date.now();
    if (!this.publication || now - this.publication.at > 1_000) {
      const value = this.db().then((db) =>
        db
          .collection<{ _id: string } & Partial<Publication>>(PUBLICATION_COLLECTION)
          .findOne({ _id: 'current' }, { projection: { _id: 0, tables: 0 } }),
      );
      this.publication = { at: now, value };
      value.catch(() => {
        if (this.publication?.value === value) this.publication = undefined;
      });
    }
    try {
      const publication = await this.publication.value;
      return {
        kind: 'mongo',
        source: this.source,
        public_source: `mongo:${this.options.db}`,
        run_id: publication?.run_id ?? null,
        as_of: publication?.as_of ?? null,
        published_at: publication?.published_at ?? null,
      };
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
