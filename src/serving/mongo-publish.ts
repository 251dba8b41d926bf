import { MongoClient, type Db, type Document, type IndexSpecification } from 'mongodb';
import { AppError } from '../core/errors.ts';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { openEngine } from '../engines/registry.ts';
import { keyIsId, mongoError, redactUri, toDocument } from './mongo-docs.ts';
import { PUBLICATION_COLLECTION } from './mongo.ts';
import { publicationOf, type PublishInput, type PublishTarget } from './publish.ts';
import { quote, SERVED, servedSelect, totalOrder } from './served.ts';
import type { PublishedTable } from './store.ts';

const STAGING = '__staging_';
const CHUNK_ROWS = 10_000;
const INSERTS_IN_FLIGHT = 2;
/** Tables copied at once: the reads share one DuckDB, the inserts overlap on the server. */
const PARALLEL_TABLES = 2;

/**
 * Publishes gold into MongoDB with staging collections and a swap: every
 * table goes into `<collection>__staging_<stamp>`, is counted and indexed,
 * and only when all are complete is each renamed over its live collection
 * (`renameCollection` with `dropTarget`, atomic per collection). Readers see
 * the previous collection or the new one, never a partial or empty one. A
 * publish that fails or is killed before the swap leaves the live
 * collections untouched; its staging collections are dropped by the next
 * publish. MongoDB has no multi-collection swap without a replica set, so
 * during the swap itself (milliseconds) some collections can be new while
 * others are still old; the publication document goes last.
 *
 * One publish at a time per database: a second one drops the first one's
 * staging collections, which makes the first fail (the live collections
 * stay whole either way).
 */
export class MongoPublisher implements PublishTarget {
  readonly kind = 'mongo' as const;
  readonly target: string;
  private readonly client: MongoClient;
  private readonly where: string;

  constructor(
    uri: string,
    private readonly dbName: string,
  ) {
    this.client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
    this.target = `${redactUri(uri)} database ${dbName}`;
    this.where = this.target;
  }

  async publish(input: PublishInput): Promise<PublishedTable[]> {
    const db = this.client.db(this.dbName);
    const stamp = `${Date.now().toString(36)}_${process.pid}`;
    try {
      await db.command({ ping: 1 });
      await dropStaging(db, () => true);
    } catch (error) {
      throw mongoError(error, this.where);
    }
    const engine = await openEngine('duckdb');
    try {
      for (const table of GOLD_TABLES) {
        await engine.registerView(`gold_${table}`, { format: 'parquet', path: input.sources[table] });
      }
      const reads = serial();
      const tables = await mapLimit(GOLD_TABLES, PARALLEL_TABLES, (table) =>
        this.stageTable(db, engine, reads, table, stamp, input.progress),
      );
      const publication = publicationOf(input, tables);
      await db.collection<Document>(stagingName(PUBLICATION_COLLECTION, stamp)).insertOne({ _id: 'current' as never, ...publication });
      await input.beforeSwap();
      for (const table of GOLD_TABLES) {
        const collection = SERVED[table].collection;
        await db.renameCollection(stagingName(collection, stamp), collection, { dropTarget: true });
      }
      await db.renameCollection(stagingName(PUBLICATION_COLLECTION, stamp), PUBLICATION_COLLECTION, { dropTarget: true });
      return tables;
    } catch (error) {
      await dropStaging(db, (name) => name.endsWith(`${STAGING}${stamp}`)).catch(() => undefined);
      throw mongoError(error, this.where);
    } finally {
      await engine.close();
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async stageTable(
    db: Db,
    engine: Engine,
    reads: <T>(task: () => Promise<T>) => Promise<T>,
    table: GoldTableName,
    stamp: string,
    progress: (line: string) => void,
  ): Promise<PublishedTable> {
    const started = performance.now();
    const served = SERVED[table];
    const staging = db.collection(stagingName(served.collection, stamp));
    await db.createCollection(staging.collectionName);
    // Numbered in the served order so chunks are disjoint and complete.
    const order = totalOrder(table, undefined).map((k) => `${quote(k.field)} ${k.direction}`).join(', ');
    const numbered = `pub_${table}`;
    await reads(() =>
      engine.materialize(numbered, `SELECT row_number() OVER (ORDER BY ${order}) AS __rn, * FROM (${servedSelect(table, (t) => `gold_${t}`)}) s`),
    );
    const [counted] = await reads(() => engine.query(`SELECT count(*) AS n FROM ${numbered}`));
    const rows = Number(counted?.['n'] ?? 0);
    const columns = Object.keys(served.columns).map(quote).join(', ');
    // Up to INSERTS_IN_FLIGHT inserts run while the next chunk is read: the
    // server parses and stores one batch while the driver sends another.
    const inserting: Promise<unknown>[] = [];
    for (let from = 0; from < rows; from += CHUNK_ROWS) {
      const chunk = await reads(() =>
        engine.query(`SELECT ${columns} FROM ${numbered} WHERE __rn > ${from} AND __rn <= ${from + CHUNK_ROWS} ORDER BY __rn`),
      );
      if (inserting.length >= INSERTS_IN_FLIGHT) await inserting.shift();
      inserting.push(staging.insertMany(chunk.map((row) => toDocument(table, row)), { ordered: false }));
    }
    await Promise.all(inserting);
    await reads(() => engine.query(`DROP TABLE ${numbered}`));

    // The collection's own count: exact for a collection just written, and
    // no scan (countDocuments reads every document on mongo-java-server).
    const stored = await staging.estimatedDocumentCount();
    if (stored !== rows) {
      throw new AppError('IO', `${staging.collectionName}: ${stored} documents stored for ${rows} rows read`);
    }
    // A unique key (as `_id`, or its own index) also proves there are no duplicates.
    if (!keyIsId(table)) {
      await staging.createIndex(Object.fromEntries(served.key.map((k) => [k, 1])) as IndexSpecification, { unique: true, name: 'key' });
    }
    for (const index of served.indexes) await staging.createIndex(index as IndexSpecification);
    progress(`${served.collection}: ${rows.toLocaleString('en-US')} rows (${((performance.now() - started) / 1000).toFixed(2)}s)`);
    return { table, collection: served.collection, rows };
  }
}

function stagingName(collection: string, stamp: string): string {
  return `${collection}${STAGING}${stamp}`;
}

async function dropStaging(db: Db, which: (name: string) => boolean): Promise<void> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    if (name.includes(STAGING) && which(name)) await db.dropCollection(name);
  }
}

/** Runs tasks one after the other (DuckDB statements on one connection). */
function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Maps with at most `limit` tasks at once; after a failure starts no new task, waits for the running ones, then throws. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
