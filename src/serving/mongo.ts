import { MongoClient, type Db } from 'mongodb';
import { AppError } from '../core/errors.ts';
import type { GoldTableName } from '../core/schema.ts';
import { checkQuery, isPaged } from './find-query.ts';
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
 * The MongoDB store (SPEC §6), through the official driver. The client
 * connects lazily and the driver reconnects by itself, so the API answers
 * 503 quickly while the server is down (short server selection timeout) and
 * serves again as soon as it is back, without a restart. Nothing is cached:
 * every request reads the collections as they are.
 */
export class MongoStore implements ServingStore {
  readonly kind = 'mongo' as const;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly where: string;
  private readonly source: string;
  private publication: { at: number; value: Promise<Partial<Publication> | null> } | undefined;

  constructor(options: MongoOptions) {
    const timeout = options.serverSelectionTimeoutMS ?? 1_500;
    this.client = new MongoClient(options.uri, {
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      socketTimeoutMS: 30_000,
      maxPoolSize: 20,
    });
    this.db = this.client.db(options.db);
    this.where = `${redactUri(options.uri)} (database ${options.db})`;
    this.source = `mongo:${options.db} at ${redactUri(options.uri)}`;
  }

  async find(table: GoldTableName, query: FindQuery = {}): Promise<FindResult> {
    checkQuery(table, query);
    const collection = this.db.collection(SERVED[table].collection);
    const filter = mongoFilter(table, query.filters ?? []);
    try {
      let cursor = collection.find(filter, { projection: { _id: 0 } }).sort(mongoSort(table, query));
      if (query.offset) cursor = cursor.skip(query.offset);
      if (query.limit !== undefined) cursor = cursor.limit(query.limit);
      const [docs, total] = await Promise.all([
        cursor.toArray(),
        isPaged(query) ? collection.countDocuments(filter) : Promise.resolve(undefined),
      ]);
      if (docs.length === 0 && (await collection.estimatedDocumentCount()) === 0) {
        throw new AppError('EMPTY', `collection ${SERVED[table].collection} is empty or missing in ${this.where}: run electrolake publish`, {
          details: { table, collection: SERVED[table].collection },
        });
      }
      return { rows: docs.map((d) => toRow(table, d)), total: total ?? docs.length };
    } catch (error) {
      throw mongoError(error, this.where);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.db.command({ ping: 1 });
    } catch (error) {
      throw mongoError(error, this.where);
    }
  }

  /**
   * The publication document, re-read at most once a second: meta.as_of on
   * every response must not double the load on the server.
   */
  async info(): Promise<StoreInfo> {
    const now = Date.now();
    if (!this.publication || now - this.publication.at > 1_000) {
      const value = this.db
        .collection<{ _id: string } & Partial<Publication>>(PUBLICATION_COLLECTION)
        .findOne({ _id: 'current' }, { projection: { _id: 0, tables: 0 } });
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
        run_id: publication?.run_id ?? null,
        as_of: publication?.as_of ?? null,
        published_at: publication?.published_at ?? null,
      };
    } catch (error) {
      throw mongoError(error, this.where);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
