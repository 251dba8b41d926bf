/**
 * A snapshot is what one successful run committed: its bronze, silver and
 * gold tables, switched in together by one atomic step, and the manifest
 * naming them. Readers resolve every table through one snapshot, so they
 * never see two runs mixed.
 */
export interface SnapshotManifest {
  run_id: string;
  /** The snapshot that was current when the run started (null for the first). */
  parent: string | null;
  /** `layer/table` → where the table's data is, relative to the lake root (local) or `s3://bucket/key` (S3). */
  files: Record<string, string>;
  committed_at: string;
  [key: string]: unknown;
}

/** The key under which readers find the current snapshot's manifest (`readJson`). */
export const CURRENT_MANIFEST_KEY = '_runs/latest.json';

/** `layer/table`, the key of a table in a snapshot's `files`. */
export function fileKey(layer: string, table: string): string {
  return `${layer}/${table}`;
}

/** The snapshots to delete so that only the newest `keep` remain (the chain is newest first; the current one always stays). */
export function toVacuum(chain: readonly string[], keep: number): string[] {
  return chain.slice(Math.max(1, keep));
}
