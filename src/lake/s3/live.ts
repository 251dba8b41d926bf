import { pointerKey, versionPrefix, type TableKeys } from './keys.ts';
import type { S3Objects } from './objects.ts';

/** The pointer of a table of parts: which version is live, and its parts (so readers need not list). */
export interface Pointer {
  version: string;
  parts: string[];
  run_id: string;
  written_at: string;
}

/** What a reader finds for a table: one object, or a version of parts named by the pointer. */
export type LiveTable =
  | { form: 'file'; bucket: string; keys: TableKeys; etag: string }
  | { form: 'parts'; bucket: string; keys: TableKeys; pointer: Pointer };

/**
 * The live version of a table, or undefined. The pointer is looked up first:
 * publishing a file over parts copies the object in place before it deletes
 * the pointer, and publishing parts over a file writes the pointer before it
 * deletes the object, so whichever a reader finds first is whole. The one
 * race (pointer written between our two lookups, then the object deleted) is
 * closed by looking at the pointer once more.
 */
export async function liveTable(objects: S3Objects, bucket: string, keys: TableKeys, hasPointer = true): Promise<LiveTable | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (hasPointer) {
      const pointer = await readPointer(objects, bucket, keys.home);
      if (pointer !== undefined) return { form: 'parts', bucket, keys, pointer };
    }
    const head = await objects.head(bucket, keys.object);
    if (head !== undefined) return { form: 'file', bucket, keys, etag: head.etag };
    if (!hasPointer) return undefined;
  }
  return undefined;
}

export async function readPointer(objects: S3Objects, bucket: string, home: string): Promise<Pointer | undefined> {
  const text = await objects.getText(bucket, pointerKey(home));
  return text === undefined ? undefined : (JSON.parse(text) as Pointer);
}

/** Full keys of the parts a pointer names. */
export function partKeys(home: string, pointer: Pointer): string[] {
  return pointer.parts.map((part) => `${versionPrefix(home, pointer.version)}${part}`);
}
