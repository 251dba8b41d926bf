/**
 * The duplicate rules of silver as one query over `parsed_<name>` (each
 * bronze row typed, with its first defect in `_reason` and its file's
 * `_ingest_seq`):
 *
 * - Within one file, rows with one id are one record iff they have one
 *   version of the content (NULL equal to NULL, as GROUP BY has it): the
 *   first row is kept, the others are duplicates; two versions in one file
 *   quarantine every row of that id in that file (`conflicting_duplicate`).
 * - Across files, the latest file (highest `_ingest_seq`) whose rows for the
 *   id agree wins. A row of an older file with the same content is a
 *   duplicate; with other content it is `updated` (superseded, kept in
 *   bronze, counted, never quarantined).
 *
 * A lake run on the two plain files has one file per source, so only the
 * first rule applies, as before ingestion existed. Plain GROUP BYs joined
 * back on the id rather than window functions over every row (5× slower on
 * DuckDB); the one window runs only on ids found in more than one file.
 * Adds `final_reason`, `is_kept` (the row silver keeps), `is_updated`, and
 * `is_file_version` (the first clean row of an id in a file without a
 * conflict: one per file, for the clients' history).
 */
export function classifySql(name: string, id: string, content: readonly string[], acrossFiles: boolean): string {
  if (!acrossFiles) return singleFileClassifySql(name, id, content);
  const columns = content.join(', ');
  return `WITH versions AS (
       SELECT ${id}, _ingest_seq, ${columns}, min(_source_row) AS first_row
       FROM parsed_${name} WHERE _reason IS NULL GROUP BY ${id}, _ingest_seq, ${columns}
     ),
     file_groups AS (
       SELECT ${id}, _ingest_seq, min(first_row) AS first_row, count(*) > 1 AS conflicting
       FROM versions GROUP BY ${id}, _ingest_seq
     ),
     latest AS (
       SELECT ${id}, max(_ingest_seq) AS win_seq, count(*) AS files
       FROM file_groups WHERE NOT conflicting GROUP BY ${id}
     ),
     -- For each file of an id seen in several files: the last file with the same content.
     sameness AS (
       SELECT v.${id}, v._ingest_seq, max(v._ingest_seq) OVER (PARTITION BY v.${id}, ${content.map((c) => `v.${c}`).join(', ')}) AS content_last_seq
       FROM versions v
       JOIN file_groups g ON g.${id} = v.${id} AND g._ingest_seq = v._ingest_seq
       JOIN latest l ON l.${id} = v.${id}
       WHERE NOT g.conflicting AND l.files > 1
     ),
     id_groups AS (
       SELECT g.${id} AS group_id, g._ingest_seq AS group_seq, g.first_row, g.conflicting,
              g._ingest_seq = l.win_seq AS is_latest,
              coalesce(s.content_last_seq = l.win_seq, true) AS same_as_latest
       FROM file_groups g
       LEFT JOIN latest l ON l.${id} = g.${id}
       LEFT JOIN sameness s ON s.${id} = g.${id} AND s._ingest_seq = g._ingest_seq
     )
     SELECT p.*,
            coalesce(p._reason, CASE WHEN g.conflicting THEN 'conflicting_duplicate' END) AS final_reason,
            coalesce(p._reason IS NULL AND NOT g.conflicting AND g.is_latest AND p._source_row = g.first_row, false) AS is_kept,
            coalesce(p._reason IS NULL AND NOT g.conflicting AND NOT g.same_as_latest, false) AS is_updated,
            coalesce(p._reason IS NULL AND NOT g.conflicting AND p._source_row = g.first_row, false) AS is_file_version
     FROM parsed_${name} p
     -- The key is NULL for rows already set aside: an equi-join DuckDB can hash
     -- (an extra \`AND p._reason IS NULL\` turns it into a nested loop).
     LEFT JOIN id_groups g ON g.group_id = CASE WHEN p._reason IS NULL THEN p.${id} END AND g.group_seq = p._ingest_seq`;
}

/**
 * The same rules when every row comes from one file per source (a run on
 * the two plain files): only the within-file rule can apply, so the
 * across-files groups and joins are skipped (they doubled silver's time at
 * scale 100). Rows are grouped by id alone; only the ids with several clean
 * rows (a few in a real export) are grouped by content too, to find the
 * conflicts (grouping every row by id and content cost an eighth more CPU at
 * scale 100). Same columns as `classifySql`; nothing is ever `updated`.
 */
function singleFileClassifySql(name: string, id: string, content: readonly string[]): string {
  const first = `p._reason IS NULL AND c.conflict_id IS NULL AND p._source_row = g.first_row`;
  return `WITH id_groups AS (
       SELECT ${id} AS group_id, count(*) AS group_rows, min(_source_row) AS first_row
       FROM parsed_${name} WHERE _reason IS NULL GROUP BY ${id}
     ),
     conflicts AS (
       SELECT ${id} AS conflict_id FROM (
         SELECT p.${id} FROM parsed_${name} p
         JOIN id_groups g ON g.group_id = p.${id} AND g.group_rows > 1
         WHERE p._reason IS NULL GROUP BY p.${id}, ${content.map((c) => `p.${c}`).join(', ')}
       ) versions GROUP BY ${id} HAVING count(*) > 1
     )
     SELECT p.*,
            coalesce(p._reason, CASE WHEN c.conflict_id IS NOT NULL THEN 'conflicting_duplicate' END) AS final_reason,
            coalesce(${first}, false) AS is_kept,
            false AS is_updated,
            coalesce(${first}, false) AS is_file_version
     FROM parsed_${name} p
     LEFT JOIN id_groups g ON g.group_id = CASE WHEN p._reason IS NULL THEN p.${id} END
     LEFT JOIN conflicts c ON c.conflict_id = CASE WHEN p._reason IS NULL THEN p.${id} END`;
}
