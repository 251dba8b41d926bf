import type { Db } from 'mongodb';
import { AppError } from '../core/errors.ts';
import type { GoldTableName } from '../core/schema.ts';
import type { Publication } from './publish.ts';
import { SERVED } from './served.ts';

/**
 * The pointer that makes a MongoDB publication atomic across collections.
 * Each publish writes its own versioned collections (`gold_kpis__p…`) and
 * then flips ONE document, `serving_publication` `{_id: 'current'}`, in a
 * single update: the version being served, the per-collection row counts,
 * and the previous publication (for rollback). The API resolves every
 * collection name through this document, so one answer reads one
 * publication, never a mix; a publish killed before the flip changes
 * nothing a reader sees.
 */
export const PUBLICATION_COLLECTION = 'serving_publication';
export const POINTER_ID = 'current';

/** How the seed's plain collection names (`gold_kpis`) reach the current version. */
export type SeedNamesMode = 'view' | 'copy';

/** One publication: what a version holds. */
export interface VersionRecord extends Publication {
  version: string;
  /** Gold table → its versioned collection. */
  collections: Partial<Record<GoldTableName, string>>;
  /** Gold table → rows: `meta.count` of unfiltered requests and the empty (503) decisions read these, not the server. */
  counts: Partial<Record<GoldTableName, number>>;
}

/** The pointer document. */
export interface PublicationPointer extends VersionRecord {
  previous: VersionRecord | null;
  seed_names: SeedNamesMode | null;
  /** When this document was last flipped (a publish or a rollback). */
  flipped_at: string;
}

/** `p` + time in base 36 + random: sortable by time, unique per publish, short enough for collection names. */
export function newVersion(): string {
  return `p${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}

const VERSIONED = /^(.+)__(p[0-9a-z]{8,})$/;

export function versionedName(collection: string, version: string): string {
  return `${collection}__${version}`;
}

/** The version of a versioned collection name, if it is one. */
export function versionOf(name: string): string | undefined {
  return VERSIONED.exec(name)?.[2];
}

/** The pointer; one written before versions existed is an error for readers, and nothing (to be replaced) for a publish. */
export async function readPointer(db: Db, options: { older: 'fail' | 'ignore' } = { older: 'fail' }): Promise<PublicationPointer | null> {
  const doc = await db.collection<{ _id: string }>(PUBLICATION_COLLECTION).findOne({ _id: POINTER_ID });
  if (!doc) return null;
  if (typeof (doc as Partial<PublicationPointer>).version !== 'string') {
    if (options.older === 'ignore') return null;
    throw new AppError('EMPTY', `${PUBLICATION_COLLECTION} was written by an older electrolake (no version): run electrolake publish again`);
  }
  return doc as unknown as PublicationPointer;
}

/**
 * Flips the pointer in one single-document write. The write is conditional
 * on the version read before the publish, so a concurrent publish or
 * rollback that flipped meanwhile makes this one fail instead of silently
 * losing the other's previous version.
 */
export async function flipPointer(db: Db, expected: PublicationPointer | null, next: PublicationPointer): Promise<void> {
  const pointers = db.collection<{ _id: string }>(PUBLICATION_COLLECTION);
  if (expected === null) {
    // No pointer yet, or one from before versions: the upsert inserts or
    // replaces it, and hits the unique `_id` if a versioned one appeared.
    await pointers.replaceOne({ _id: POINTER_ID, version: { $exists: false } }, next, { upsert: true }).catch((error: unknown) => {
      throw new AppError('IO', `another publish flipped ${PUBLICATION_COLLECTION} meanwhile: publish again`, { cause: error });
    });
    return;
  }
  const result = await pointers.replaceOne({ _id: POINTER_ID, version: expected.version }, next);
  if (result.matchedCount !== 1) {
    throw new AppError('IO', `another publish flipped ${PUBLICATION_COLLECTION} meanwhile (expected version ${expected.version}): publish again`);
  }
}

/** A version record without its own `previous`, kept as the next pointer's previous. */
export function recordOf(pointer: PublicationPointer): VersionRecord {
  const { version, collections, counts, run_id, as_of, lake, published_at, tables } = pointer;
  return { version, collections, counts, run_id, as_of, lake, published_at, tables };
}

/** The collection a table is read from in a publication (EMPTY when the publication lacks the table). */
export function collectionIn(pointer: VersionRecord, table: GoldTableName): string {
  const name = pointer.collections[table];
  if (name === undefined) {
    throw new AppError('EMPTY', `publication ${pointer.version} has no ${SERVED[table].collection}: run electrolake publish`, {
      details: { table, publication: pointer.version },
    });
  }
  return name;
}
