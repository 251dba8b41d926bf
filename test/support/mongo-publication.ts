import type { Db, Document } from 'mongodb';
import { GOLD_SCHEMA, GOLD_TABLES, type GoldTableName } from '../../src/core/schema.ts';
import { PUBLICATION_COLLECTION, versionOf, type PublicationPointer } from '../../src/serving/mongo-publication.ts';

/** Helpers to look at a MongoDB publication from the outside, as a test (or Metabase) would. */
export async function pointerOf(db: Db): Promise<PublicationPointer> {
  const doc = await db.collection<{ _id: string }>(PUBLICATION_COLLECTION).findOne({ _id: 'current' });
  if (!doc) throw new Error(`no ${PUBLICATION_COLLECTION} document in ${db.databaseName}`);
  return doc as unknown as PublicationPointer;
}

/** Every served table's (or `tables`') documents without `_id`, in key order: through the pointer, or under the plain names. */
export async function snapshot(db: Db, through: 'pointer' | 'plain names', tables: readonly GoldTableName[] = GOLD_TABLES): Promise<Record<string, Document[]>> {
  const pointer = through === 'pointer' ? await pointerOf(db) : undefined;
  // The tables read at once: one after the other, each snapshot took seconds on FerretDB.
  const read = await Promise.all(tables.map(async (table) => {
    const schema = GOLD_SCHEMA[table];
    const name = pointer ? (pointer.collections[table] ?? '?') : schema.collection;
    const sort = Object.fromEntries(schema.key.map((k) => [k, 1 as const]));
    return [table, await db.collection(name).find({}, { projection: { _id: 0 } }).sort(sort).toArray()] as const;
  }));
  return Object.fromEntries(read);
}

/** The versions that have collections in the database. */
export async function versionsIn(db: Db): Promise<string[]> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  return [...new Set(names.map(versionOf).filter((v): v is string => v !== undefined))].sort();
}

/** Collection names that are neither versions, plain names nor the pointer: leftovers. */
export async function strayCollections(db: Db): Promise<string[]> {
  const plain = new Set([...GOLD_TABLES.map((t: GoldTableName) => GOLD_SCHEMA[t].collection), PUBLICATION_COLLECTION]);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  return names.filter((n) => versionOf(n) === undefined && !plain.has(n));
}

/**
 * The stage names of a MongoDB `explain()` winning plan, or undefined when
 * the answer is not in MongoDB's form (FerretDB answers with PostgreSQL's
 * plan; mongo-java-server has no `explain` at all).
 */
export function planStages(explain: Record<string, unknown>): string[] | undefined {
  const planner = explain['queryPlanner'] as { winningPlan?: unknown } | undefined;
  if (!planner?.winningPlan || typeof planner.winningPlan !== 'object') return undefined;
  const stages: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const stage = (node as { stage?: unknown }).stage;
    if (typeof stage === 'string') stages.push(stage);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') walk(value);
    }
  };
  walk(planner.winningPlan);
  return stages;
}
