import { AppError } from '../core/errors.ts';
import { GOLD_TABLES, type GoldTableName } from '../core/schema.ts';
import type { Lake } from '../lake/lake.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../pipeline/manifest.ts';
import type { PublishedTable, PublishReport } from './store.ts';
import { stopwatch } from '../core/stopwatch.ts';

/**
 * `electrolake publish`: copies every gold table of a lake into a serving
 * store. Each target writes a complete new publication aside (staging
 * collections, or a temporary database file), checks it, and only then
 * swaps it in; a publish that fails or is killed before the swap leaves the
 * previous publication serving, and a re-run gives the same result.
 */
export interface PublishInput {
  /** Local path of each gold table (a Parquet file or a directory of parts). */
  sources: Record<GoldTableName, string>;
  lake: string;
  run_id: string | null;
  as_of: string | null;
  /** Called after everything is staged and before the swap; throws to abort. */
  beforeSwap: () => Promise<void>;
  progress: (line: string) => void;
}

/** What a target records about the publication it serves. */
export interface Publication {
  run_id: string | null;
  as_of: string | null;
  lake: string;
  published_at: string;
  tables: PublishedTable[];
}

/** The record of a publication, once its tables are staged. */
export function publicationOf(input: PublishInput, tables: PublishedTable[]): Publication {
  return { run_id: input.run_id, as_of: input.as_of, lake: input.lake, published_at: new Date().toISOString(), tables };
}

export interface PublishTarget {
  readonly kind: 'embedded' | 'mongo';
  /** Where the publication goes, without credentials. */
  readonly target: string;
  publish(input: PublishInput): Promise<PublishedTable[]>;
  /** Serves the previous publication again, where the target keeps one. */
  rollback?(progress: (line: string) => void): Promise<RolledBack>;
  close(): Promise<void>;
}

/** What a rollback went back to. */
export interface RolledBack {
  version: string;
  run_id: string | null;
  as_of: string | null;
  published_at: string;
}

export async function rollbackPublication(target: PublishTarget, progress: (line: string) => void = () => {}): Promise<RolledBack> {
  if (!target.rollback) {
    throw new AppError('BAD_INPUT', `--rollback needs the mongo store (the ${target.kind} store keeps no previous publication)`);
  }
  const back = await target.rollback(progress);
  return { version: back.version, run_id: back.run_id, as_of: back.as_of, published_at: back.published_at };
}

/** `lake` should be pinned to one snapshot (`Lake.at`): every table then comes from that run. */
export async function publishGold(
  lake: Lake,
  target: PublishTarget,
  progress: (line: string) => void = () => {},
): Promise<PublishReport> {
  const watch = stopwatch();
  const manifest = await lake.readJson<RunManifest>(LATEST_RUN_KEY);
  const sources = await goldSources(lake);
  const tables = await target.publish({
    sources,
    lake: lake.uri,
    run_id: manifest?.run_id ?? null,
    as_of: manifest?.as_of ?? null,
    progress,
    // The tables come from one snapshot (the caller pins `lake`): a run
    // committing meanwhile cannot mix into them. That snapshot must still be
    // there when we swap (a vacuum could have removed it).
    beforeSwap: async () => {
      if (manifest !== undefined && (await lake.readJson<RunManifest>(LATEST_RUN_KEY)) === undefined) {
        throw new AppError('IO', `snapshot ${manifest.run_id} was removed during publish; publish again`);
      }
    },
  });
  return {
    store: target.kind,
    lake: lake.uri,
    target: target.target,
    run_id: manifest?.run_id ?? null,
    as_of: manifest?.as_of ?? null,
    tables,
    seconds: watch.seconds(2),
  };
}

async function goldSources(lake: Lake): Promise<Record<GoldTableName, string>> {
  const missing: string[] = [];
  const sources: Partial<Record<GoldTableName, string>> = {};
  for (const table of GOLD_TABLES) {
    if (!(await lake.exists('gold', table))) missing.push(table);
    else sources[table] = (await lake.resolveRead('gold', table, ['local'])).path;
  }
  if (missing.length === GOLD_TABLES.length) {
    throw new AppError('NOT_FOUND', `no gold tables in ${lake.uri}: run electrolake run first`);
  }
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', `gold tables missing in ${lake.uri}: ${missing.join(', ')} (run electrolake run again)`);
  }
  return sources as Record<GoldTableName, string>;
}
