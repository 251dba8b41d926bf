import { MongoClient, type Collection, type Db, type IndexSpecification } from 'mongodb';
import { mapLimit, serial } from '../core/concurrency.ts';
import { AppError } from '../core/errors.ts';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import type { Engine } from '../engines/engine.ts';
import { openEngine } from '../engines/registry.ts';
import { keyIsId, mongoError, redactUri, toDocument } from './mongo-docs.ts';
import {
  flipPointer,
  newVersion,
  readPointer,
  recordOf,
  versionedName,
  versionOf,
  type PublicationPointer,
  type SeedNamesMode,
  type VersionRecord,
} from './mongo-publication.ts';
import { isSeedCopy, pointSeedNames, probeSeedNames } from './mongo-seed-names.ts';
import { publicationOf, type PublishInput, type PublishTarget } from './publish.ts';
import { quote, SERVED, servedSelect, totalOrder } from './served.ts';
import type { PublishedTable } from './store.ts';
import { stopwatch } from '../core/stopwatch.ts';

/** Collections of the publish design before versions (staging + rename): dropped as leftovers. */
const OLD_STAGING = '__staging_';
const CHUNK_ROWS = 10_000;
const INSERTS_IN_FLIGHT = 2;
/** Tables copied at once: the reads share one DuckDB, the inserts overlap on the server. */
const PARALLEL_TABLES = 2;
/** A version's 15 collections dropped a few at once (one after the other, a second on FerretDB). */
const PARALLEL_DROPS = 4;

export type SeedNamesChoice = 'auto' | SeedNamesMode;

/**
 * Publishes gold into MongoDB by pointer (see mongo-publication.ts): every
 * table goes into its versioned collection `<collection>__<version>`, is
 * counted and indexed, and only when all are complete does one update of
 * the pointer document switch the API to the new version, all collections
 * at once. No `renameCollection` is involved, so it runs on servers without
 * `dropTarget` (FerretDB) or without rename at all. After the flip, the
 * seed's plain names are pointed at the new version and versions other
 * than the current and the previous one are dropped. A publish that fails
 * or is killed before the flip leaves the pointer (and every answer) on the
 * old version; its collections are dropped by the next publish.
 *
 * One publish at a time per database: the flip is conditional on the
 * version read at the start, so the later of two concurrent publishes
 * fails instead of losing the other's work.
 */
export class MongoPublisher implements PublishTarget {
  readonly kind = 'mongo' as const;
  readonly target: string;
  private readonly client: MongoClient;

  constructor(
    uri: string,
    private readonly dbName: string,
    private readonly seedNames: SeedNamesChoice = 'auto',
  ) {
    this.client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
    this.target = `${redactUri(uri)} database ${dbName}`;
  }

  async publish(input: PublishInput): Promise<PublishedTable[]> {
    const db = this.client.db(this.dbName);
    const version = newVersion();
    let current: PublicationPointer | null;
    try {
      await db.command({ ping: 1 });
      current = await readPointer(db, { older: 'ignore' });
      await dropVersionsExcept(db, kept(current));
    } catch (error) {
      throw mongoError(error, this.target);
    }
    const engine = await openEngine('duckdb');
    try {
      for (const table of GOLD_TABLES) {
        await engine.registerView(`gold_${table}`, { format: 'parquet', path: input.sources[table] });
      }
      const reads = serial();
      const tables = await mapLimit(GOLD_TABLES, PARALLEL_TABLES, (table) =>
        this.stageTable(db, engine, reads, table, version, input.progress),
      );
      const record: VersionRecord = {
        ...publicationOf(input, tables),
        version,
        collections: Object.fromEntries(tables.map((t) => [t.table, t.collection])),
        counts: Object.fromEntries(tables.map((t) => [t.table, t.rows])),
      };
      await input.beforeSwap();
      await this.flip(db, current, record, input.progress);
      return tables;
    } catch (error) {
      // Only what this publish wrote, and only if the pointer does not name it.
      const now = await readPointer(db, { older: 'ignore' }).catch(() => current);
      if (now?.version !== version) await dropVersionsExcept(db, kept(now), version).catch(() => undefined);
      throw mongoError(error, this.target);
    } finally {
      await engine.close();
    }
  }

  /** `publish --rollback`: flips the pointer back to the previous version (a second rollback flips forward again). */
  async rollback(progress: (line: string) => void): Promise<VersionRecord> {
    const db = this.client.db(this.dbName);
    try {
      const current = await readPointer(db);
      const previous = current?.previous;
      if (!current || !previous) {
        throw new AppError('NOT_FOUND', `no previous publication to roll back to in ${this.target}`);
      }
      for (const table of GOLD_TABLES) {
        const name = previous.collections[table];
        const rows = name === undefined ? undefined : await db.collection(name).estimatedDocumentCount();
        if (rows !== previous.counts[table]) {
          throw new AppError('IO', `previous publication ${previous.version} is incomplete (${name ?? table}: ${rows ?? 'missing'}): cannot roll back`);
        }
      }
      await this.flip(db, current, previous, progress);
      return previous;
    } catch (error) {
      throw mongoError(error, this.target);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** The single update that switches every collection, then the plain names and the clean-up. */
  private async flip(db: Db, current: PublicationPointer | null, record: VersionRecord, progress: (line: string) => void): Promise<void> {
    const capabilities = await probeSeedNames(db, `serving_probe_${record.version}`);
    const mode = this.seedNames === 'auto' ? capabilities.mode : this.seedNames;
    if (mode === 'view' && capabilities.mode !== 'view') {
      throw new AppError('BAD_INPUT', `--seed-names view: this server has no views (createCollection with viewOn failed); use auto or copy`);
    }
    const previous = current ? recordOf(current) : null;
    await flipPointer(db, current, { ...record, previous, seed_names: mode, flipped_at: new Date().toISOString() });
    progress(`serving_publication → ${record.version} (run ${record.run_id ?? '?'}), previous ${previous?.version ?? 'none'}`);
    const plain = new Map(GOLD_TABLES.flatMap((t) => (record.collections[t] ? [[SERVED[t].collection, record.collections[t]] as const] : [])));
    await pointSeedNames(db, plain, { ...capabilities, mode });
    progress(`plain names (${[...plain.keys()].slice(0, 2).join(', ')}, …): ${mode === 'view' ? 'views onto' : 'copies of'} ${record.version}` +
      (mode !== capabilities.mode ? ` (forced; the server supports ${capabilities.mode})` : ''));
    await dropVersionsExcept(db, [record.version, ...(previous ? [previous.version] : [])]);
  }

  private async stageTable(
    db: Db,
    engine: Engine,
    reads: <T>(task: () => Promise<T>) => Promise<T>,
    table: GoldTableName,
    version: string,
    progress: (line: string) => void,
  ): Promise<PublishedTable> {
    const watch = stopwatch();
    const served = SERVED[table];
    const staging = db.collection(versionedName(served.collection, version));
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
    await checkIndexes(staging, table);
    progress(`${served.collection}: ${rows.toLocaleString('en-US')} rows (${watch.text(2)})`);
    return { table, collection: staging.collectionName, rows };
  }
}

/** The versions the pointer names: never dropped. */
function kept(pointer: PublicationPointer | null): string[] {
  return pointer ? [pointer.version, ...(pointer.previous ? [pointer.previous.version] : [])] : [];
}

/**
 * Drops versioned collections whose version is not kept (all of them, or
 * only `only`'s), plus leftovers of older designs and killed publishes.
 */
async function dropVersionsExcept(db: Db, keep: readonly string[], only?: string): Promise<void> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const stale = collections.map(({ name }) => name).filter((name) => {
    const version = versionOf(name);
    return version !== undefined ? !keep.includes(version) && (only === undefined || version === only) : only === undefined && (name.includes(OLD_STAGING) || isSeedCopy(name) || name.startsWith('serving_probe_'));
  });
  await mapLimit(stale, PARALLEL_DROPS, (name) => db.dropCollection(name));
}

/** Every index `SERVED` asks for is there with its keys (a server may accept an index spec and build something else). */
async function checkIndexes(collection: Collection, table: GoldTableName): Promise<void> {
  const present = new Set((await collection.listIndexes().toArray()).map((i) => JSON.stringify(i['key'])));
  const wanted = [...(keyIsId(table) ? [] : [Object.fromEntries(SERVED[table].key.map((k) => [k, 1]))]), ...SERVED[table].indexes];
  const missing = wanted.filter((w) => !present.has(JSON.stringify(w)));
  if (missing.length > 0) throw new AppError('IO', `${collection.collectionName}: indexes missing after createIndex: ${JSON.stringify(missing)}`);
}
