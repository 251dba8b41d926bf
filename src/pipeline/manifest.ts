import { CURRENT_MANIFEST_KEY } from '../lake/snapshot.ts';
import type { SilverEntityResult } from './silver/entity.ts';

/** The run manifest (docs/contract/lake.md): `_runs/<run_id>.json`, and `_runs/latest.json` for the last good run. */
export interface RunManifest {
  run_id: string;
  status: 'succeeded' | 'failed';
  /** The snapshot current when the run started (null for the first run). */
  parent?: string | null;
  /** The snapshot's files, `layer/table` → path (local: relative to the lake; S3: `s3://…`). */
  files?: Record<string, string>;
  error?: string;
  engine: string;
  engine_version: string;
  lake: string;
  sources: string;
  /** How many ingested files bronze was built from (absent: the two plain source files). */
  ingested_files?: number;
  model: string;
  as_of: string | null;
  run_date: string;
  started_at: string;
  finished_at: string;
  timings_s: Record<string, number>;
  /** Peak resident memory of the process that ran the pipeline (the whole run for the CLI). */
  peak_rss_mb: number;
  stages: {
    bronze: Record<string, number>;
    silver: Record<string, number>;
    quarantine: Record<string, number>;
    gold: Record<string, number>;
  };
  repairs: Record<string, Record<string, number>>;
  quarantine_by_reason: Record<string, Record<string, number>>;
  duplicates: Record<string, number>;
  reconciliation: Record<string, Reconciliation>;
}

export interface Reconciliation {
  bronze: number;
  silver: number;
  quarantine: number;
  duplicates: number;
  /** Rows superseded by a later file's version of the same record (ingested lakes; 0 for one file per source). */
  updated: number;
  /** bronze = silver + quarantine + duplicates + updated */
  ok: boolean;
}

export function reconcile(result: SilverEntityResult): Reconciliation {
  const { bronze, silver, quarantine, duplicates, updated } = result;
  return { bronze, silver, quarantine, duplicates, updated, ok: bronze === silver + quarantine + duplicates + updated };
}

/** The current snapshot's manifest, through `Lake.readJson` (a pinned lake: its snapshot's). */
export const LATEST_RUN_KEY = CURRENT_MANIFEST_KEY;
export const runKey = (runId: string): string => `_runs/${runId}.json`;
