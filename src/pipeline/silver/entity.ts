import { counts, writeAndKeepTable, writeTable, type StageContext } from '../context.ts';

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
  // Rows with one id are one record iff they have one version of the content
  // (NULL equal to NULL, as GROUP BY has it); every version keeps its first
  // row. Two plain GROUP BYs rather than min <> max per column: a min or max
  // of a string forces Spark into a sort-based aggregate, and DuckDB does
  // half the work. A join back beats a window function (5× slower on DuckDB).
  await ctx.engine.materialize(
    `classified_${name}`,
    `WITH versions AS (
       SELECT ${id}, min(_source_row) AS first_row
       FROM parsed_${name} WHERE _reason IS NULL GROUP BY ${id}, ${entity.content.join(', ')}
     ),
     id_groups AS (
       SELECT ${id} AS group_id, min(first_row) AS first_row, count(*) > 1 AS conflicting FROM versions GROUP BY ${id}
     )
     SELECT p.*,
            coalesce(p._reason, CASE WHEN g.conflicting THEN 'conflicting_duplicate' END) AS final_reason,
            coalesce(p._reason IS NULL AND NOT g.conflicting AND p._source_row = g.first_row, false) AS is_kept
     FROM parsed_${name} p
     -- The key is NULL for rows already set aside: an equi-join DuckDB can hash
     -- (an extra \`AND p._reason IS NULL\` turns it into a nested loop).
     LEFT JOIN id_groups g ON g.group_id = CASE WHEN p._reason IS NULL THEN p.${id} END`,
  );
  // The parsed rows are all in classified_<name> now: free them before the writes.
  await ctx.engine.release(`parsed_${name}`);
  const kept = `(SELECT * FROM classified_${name} WHERE is_kept) kept`;
  await writeAndKeepTable(ctx, 'silver', name, `SELECT ${entity.columns.join(', ')} FROM ${kept}`, `silver_${name}`);
  await writeTable(
    ctx,
    'silver',
    `quarantine_${name}`,
    `SELECT ${entity.rawColumns.map((c) => `raw_${c} AS ${c}`).join(', ')}, final_reason AS _reason, _source_file, _source_row, _malformed_text
     FROM classified_${name} WHERE final_reason IS NOT NULL ORDER BY _source_row`,
  );

  // Every count in one scan: on Spark each query is a job with a fixed cost.
  const { bronze, clean, quarantine, silver, ...rest } = await counts(
    ctx,
    `SELECT count(*) AS bronze,
            count(*) FILTER (WHERE final_reason IS NULL) AS clean,
            count(*) FILTER (WHERE final_reason IS NOT NULL) AS quarantine,
            count(*) FILTER (WHERE is_kept) AS silver,
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
    duplicates: (clean ?? 0) - (silver ?? 0),
    quarantineByReason: pick('reason_', entity.reasons),
    repairs: pick('repair_', entity.repairs),
  };
  ctx.log(
    `silver  ${name}: ${result.silver.toLocaleString('en')} kept, ${result.quarantine.toLocaleString('en')} quarantined, ${result.duplicates.toLocaleString('en')} duplicates dropped`,
  );
  return result;
}
