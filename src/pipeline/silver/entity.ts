import { counts, writeTable, type StageContext } from '../context.ts';

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
}

export interface SilverEntityResult {
  bronze: number;
  silver: number;
  quarantine: number;
  duplicates: number;
  quarantineByReason: Record<string, number>;
  repairs: Record<string, number>;
}

/**
 * From `parsed_<name>` (each bronze row, typed, with its first defect in
 * `_reason`): flags conflicting duplicates (same id, different content:
 * every version goes to quarantine), keeps exact duplicates once, writes
 * `silver/<name>` and `silver/quarantine_<name>`, and counts everything so
 * that bronze = silver + quarantine + duplicates can be checked.
 */
export async function finishSilverEntity(ctx: StageContext, entity: SilverEntity): Promise<SilverEntityResult> {
  const { name, id } = entity;
  const contentKey = `concat_ws('|', ${entity.content.map((c) => `coalesce(CAST(${c} AS STRING), '<null>')`).join(', ')})`;
  await ctx.engine.materialize(
    `classified_${name}`,
    `WITH conflicts AS (
       SELECT ${id} AS conflict_id FROM parsed_${name} WHERE _reason IS NULL
       GROUP BY ${id} HAVING count(DISTINCT ${contentKey}) > 1
     )
     SELECT p.*, coalesce(p._reason, CASE WHEN k.conflict_id IS NOT NULL THEN 'conflicting_duplicate' END) AS final_reason
     FROM parsed_${name} p LEFT JOIN conflicts k ON k.conflict_id = p.${id} AND p._reason IS NULL`,
  );
  await ctx.engine.materialize(
    `kept_${name}`,
    `SELECT * FROM (
       SELECT c.*, row_number() OVER (PARTITION BY ${id} ORDER BY _source_row) AS copy_no
       FROM classified_${name} c WHERE final_reason IS NULL
     ) clean WHERE copy_no = 1`,
  );
  await writeTable(ctx, 'silver', name, `SELECT ${entity.columns.join(', ')} FROM kept_${name} ORDER BY ${id}`, `silver_${name}`);
  await writeTable(
    ctx,
    'silver',
    `quarantine_${name}`,
    `SELECT ${entity.rawColumns.map((c) => `raw_${c} AS ${c}`).join(', ')}, final_reason AS _reason, _source_file, _source_row
     FROM classified_${name} WHERE final_reason IS NOT NULL ORDER BY _source_row`,
  );

  const totals = await counts<'bronze' | 'clean' | 'quarantine'>(
    ctx,
    `SELECT count(*) AS bronze,
            count(*) FILTER (WHERE final_reason IS NULL) AS clean,
            count(*) FILTER (WHERE final_reason IS NOT NULL) AS quarantine
     FROM classified_${name}`,
  );
  const byReason = await counts(
    ctx,
    `SELECT ${entity.reasons.map((r) => `count(*) FILTER (WHERE final_reason = '${r}') AS ${r}`).join(', ')} FROM classified_${name}`,
  );
  const kept = await counts(
    ctx,
    `SELECT count(*) AS silver, ${entity.repairs.map((r) => `count(*) FILTER (WHERE rep_${r}) AS ${r}`).join(', ')} FROM kept_${name}`,
  );
  const { silver, ...repairs } = kept;
  const result = {
    bronze: totals.bronze,
    silver: silver ?? 0,
    quarantine: totals.quarantine,
    duplicates: totals.clean - (silver ?? 0),
    quarantineByReason: byReason,
    repairs,
  };
  ctx.log(
    `silver  ${name}: ${result.silver.toLocaleString('en')} kept, ${result.quarantine.toLocaleString('en')} quarantined, ${result.duplicates.toLocaleString('en')} duplicates dropped`,
  );
  return result;
}
