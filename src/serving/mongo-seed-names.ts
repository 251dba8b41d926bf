import type { Db } from 'mongodb';
import { mapLimit } from '../core/concurrency.ts';
import type { SeedNamesMode } from './mongo-publication.ts';

/** Plain names pointed at once (the staging copies run 2 tables at a time: the server has room for more of these). */
const NAMES_AT_ONCE = 4;

/**
 * The seed's plain collection names (`gold_fact_achats`, `gold_monthly`, …)
 * stay usable by Metabase and other tools after the switch to versioned
 * collections: on a server with views each plain name is a view onto the
 * current version (created once, then repointed with `collMod`, one command
 * per name); elsewhere it is a copy of the current version, rewritten after
 * the pointer flipped. The API never reads these names: it reads the
 * versioned collections through the pointer.
 */
export interface SeedNamesCapabilities {
  mode: SeedNamesMode;
  /** Copy mode: the server runs `$out` (the copy never leaves the server). */
  out: boolean;
}

/** Tries a view and an `$out` on throw-away collections, once per publish. */
export async function probeSeedNames(db: Db, scratch: string): Promise<SeedNamesCapabilities> {
  const source = `${scratch}_src`;
  const names = [source, `${scratch}_view`, `${scratch}_out`];
  try {
    await db.collection(source).insertOne({ probe: 1 });
    const view = await attempt(async () => {
      await db.createCollection(`${scratch}_view`, { viewOn: source, pipeline: [] });
      return (await db.collection(`${scratch}_view`).countDocuments({ probe: 1 })) === 1;
    });
    const out = await attempt(async () => {
      await db.collection(source).aggregate([{ $match: {} }, { $out: `${scratch}_out` }]).toArray();
      return (await db.collection(`${scratch}_out`).countDocuments({ probe: 1 })) === 1;
    });
    return { mode: view ? 'view' : 'copy', out };
  } finally {
    await dropIfPresent(db, names);
  }
}

/** Points every plain name at its versioned collection (`plain` → `versioned`). */
export async function pointSeedNames(db: Db, names: ReadonlyMap<string, string>, capabilities: SeedNamesCapabilities): Promise<void> {
  const existing = new Map(
    (await db.listCollections({}, { nameOnly: false }).toArray()).map((c) => [c.name, (c as { type?: string }).type ?? 'collection']),
  );
  // Each name on its own, several at once: one after the other, the copies
  // were about half of a publish on FerretDB.
  await mapLimit([...names], NAMES_AT_ONCE, async ([plain, versioned]) => {
    const kind = existing.get(plain);
    if (capabilities.mode === 'view') {
      if (kind === 'view') {
        await db.command({ collMod: plain, viewOn: versioned, pipeline: [] });
        return;
      }
      // A plain collection from an older publish (or a copy): replaced by the view once.
      if (kind !== undefined) await db.dropCollection(plain);
      await db.createCollection(plain, { viewOn: versioned, pipeline: [] });
    } else {
      if (kind === 'view') await db.dropCollection(plain);
      await copyInto(db, versioned, plain, capabilities.out);
    }
  });
}

/**
 * Copies a collection under another name. With `$out` the server writes
 * the target whole (MongoDB replaces it atomically); without it the rows go
 * through this process into a temporary collection that then replaces the
 * target (drop + rename: a moment without it, which only the plain names see).
 */
async function copyInto(db: Db, from: string, to: string, out: boolean): Promise<void> {
  if (out) {
    await db.collection(from).aggregate([{ $match: {} }, { $out: to }]).toArray();
    return;
  }
  const temporary = `${to}__seedcopy`;
  await dropIfPresent(db, [temporary]);
  const target = db.collection(temporary);
  await db.createCollection(temporary);
  let batch: Record<string, unknown>[] = [];
  for await (const doc of db.collection(from).find({})) {
    batch.push(doc);
    if (batch.length === 10_000) {
      await target.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  if (batch.length > 0) await target.insertMany(batch, { ordered: false });
  await dropIfPresent(db, [to]);
  await db.renameCollection(temporary, to);
}

/** Leftover temporary copies of a killed publish. */
export function isSeedCopy(name: string): boolean {
  return name.endsWith('__seedcopy');
}

export async function dropIfPresent(db: Db, names: readonly string[]): Promise<void> {
  const present = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of names) if (present.has(name)) await db.dropCollection(name);
}

async function attempt(probe: () => Promise<boolean>): Promise<boolean> {
  try {
    return await probe();
  } catch {
    return false;
  }
}
