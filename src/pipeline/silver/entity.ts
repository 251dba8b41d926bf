import { counts, writeAndKeepTable, writeTable, type StageContext } from '../context.ts';
import { classifySql } from './classify.ts';
import type { BronzeLineage } from './lineage.ts';

/** How one source (clients or achats) goes from parsed rows to silver + quarantine. */
export interface SilverEntity {
  name: 'clients' | 'achats';
  id: string;
  /** Typed columns written to silver, in order. */
  columns: readonly string[];
  /** Typed columns that must agree for two rows with the same id to be the same record. */
  content: readonly string[];
  /** Raw bronze columns kept in the quarantine table. */
  rawColumns: readonly string[];
  reasons: readonly string[];
  repairs: readonly string[];
  /** Whether bronze holds several files per source (ingested parts): the across-files rules apply. */
  acrossFiles: boolean;
  /** How a bronze row's file is ordered (its `_ingest_seq`), to find a quarantined row's raw text in bronze. */
  lineage: BronzeLineage;
  /** Writes what else comes from `classified_<name>` (the clients' history) before it is released. */
  more?: (ctx: StageContext) => Promise<void>;
}

export interface SilverEntityResult {
  bronze: number;
  silver: number;
  quarantine: number;
  duplicates: number;
  /** Rows superseded by another version of the record in a later file (kept in bronze only). */
  updated: number;
  quarantineByReason: Record<string, number>;
  repairs: Record<string, number>;
}

/**
 * From `parsed_<name>` (each bronze row, typed, with its first defect in
 * `_reason`): applies the duplicate rules (classify.ts), writes
 * `silver/<name>` and `silver/quarantine_<name>`, and counts everything so
 * that bronze = silver + quarantine + duplicates + updated can be checked.
 */
export async function finishSilverEntity(ctx: StageContext, entity: SilverEntity): Promise<SilverEntityResult> {
  const { name, id } = entity;
  await ctx.engine.materialize(`classified_${name}`, classifySql(name, id, entity.content, entity.acrossFiles));
  // The parsed rows are all in classified_<name> now: free them before the writes.
  await ctx.engine.release(`parsed_${name}`);
  const kept = `(SELECT * FROM classified_${name} WHERE is_kept) kept`;
  await writeAndKeepTable(ctx, 'silver', name, `SELECT ${entity.columns.join(', ')} FROM ${kept}`, `silver_${name}`);
  // A row of bronze is its file (`_ingest_seq`, with the name for a lake of
  // plain files) and its record; only the few quarantined rows meet bronze.
  const bronzeSeq = entity.lineage.seq;
  await writeTable(
    ctx,
    'silver',
    `quarantine_${name}`,
    `SELECT ${entity.rawColumns.map((c) => `b.${c}`).join(', ')}, q.final_reason AS _reason, q._source_file, q._source_row, q._malformed_text
     FROM (SELECT final_reason, _source_file, _source_row, _malformed_text, _ingest_seq FROM classified_${name} WHERE final_reason IS NOT NULL) q
     JOIN bronze_${name} b ON b._source_row = q._source_row AND b._source_file = q._source_file AND ${bronzeSeq} = q._ingest_seq
     ORDER BY q._ingest_seq, q._source_row`,
  );

  // Every count in one scan: on Spark each query is a job with a fixed cost.
  await entity.more?.(ctx);
  const { bronze, clean, quarantine, silver, updated, ...rest } = await counts(
    ctx,
    `SELECT count(*) AS bronze,
            count(*) FILTER (WHERE final_reason IS NULL) AS clean,
            count(*) FILTER (WHERE final_reason IS NOT NULL) AS quarantine,
            count(*) FILTER (WHERE is_kept) AS silver,
            count(*) FILTER (WHERE is_updated) AS updated,
            ${entity.reasons.map((r) => `count(*) FILTER (WHERE final_reason = ${ctx.engine.dialect.literal(r)}) AS reason_${r}`).join(', ')},
            ${entity.repairs.map((r) => `count(*) FILTER (WHERE is_kept AND rep_${r}) AS repair_${r}`).join(', ')}
     FROM classified_${name}`,
  );
  await ctx.engine.release(`classified_${name}`);
  const pick = (prefix: string, keys: readonly string[]): Record<string, number> =>
    Object.fromEntries(keys.map((k) => [k, rest[`${prefix}${k}`] ?? 0]));
  const result = {
    bronze: bronze ?? 0,
    silver: silver ?? 0,
    quarantine: quarantine ?? 0,
    duplicates: (clean ?? 0) - (silver ?? 0) - (updated ?? 0),
    updated: updated ?? 0,
    quarantineByReason: pick('reason_', entity.reasons),
    repairs: pick('repair_', entity.repairs),
  };
  ctx.log(
    `silver  ${name}: ${result.silver.toLocaleString('en')} kept, ${result.quarantine.toLocaleString('en')} quarantined, ${result.duplicates.toLocaleString('en')} duplicates dropped${result.updated > 0 ? `, ${result.updated.toLocaleString('en')} superseded by a later file` : ''}`,
  );
  return result;
}
