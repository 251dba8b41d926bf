import { sqlString } from '../dialect.ts';
import { MALFORMED_TEXT, SOURCE_ROW } from '../engine.ts';

/** What reading a source needs from the DuckDB engine. */
interface DuckDbRunner {
  query(sql: string): Promise<Record<string, unknown>[]>;
  materialize(name: string, sql: string): Promise<void>;
}

/**
 * A CSV source as bronze reads it, with DuckDB's own reject handling
 * (`store_rejects`): the rows it parses are kept in a temp table (the
 * rejects are only known once the file has been scanned), the records it
 * cannot parse (wrong field count, unterminated quote, bad bytes) come from
 * its rejects table with their text, and every record gets its position in
 * the file, parsed or not, so `_source_row` is the same as Spark's.
 *
 * `columns` is the header as a DuckDB `columns = {...}` struct of VARCHARs.
 */
export async function registerSourceCsvDuckDb(engine: DuckDbRunner, name: string, path: string, columns: string): Promise<void> {
  const rejects = `${name}_rejects`;
  const scans = `${name}_reject_scans`;
  // A reject table outlives its scan and collects every later one: start from none.
  await engine.query(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${scans}`);
  await engine.materialize(
    name,
    `SELECT *, row_number() OVER () AS ${SOURCE_ROW}, CAST(NULL AS VARCHAR) AS ${MALFORMED_TEXT}
     FROM read_csv(${sqlString(path)}, header = true, delim = ',', quote = '"', all_varchar = true, auto_detect = false,
                   columns = ${columns}, store_rejects = true, rejects_table = ${sqlString(rejects)}, rejects_scan = ${sqlString(scans)})`,
  );
  const [{ n } = { n: 0 }] = await engine.query(`SELECT count(DISTINCT line) AS n FROM ${rejects}`);
  if (Number(n) === 0) return; // the clean file: no renumbering, no join
  const names = (await engine.query(`SELECT column_name FROM (DESCRIBE ${name})`))
    .map((r) => String(r['column_name']))
    .filter((c) => c !== SOURCE_ROW && c !== MALFORMED_TEXT)
    .map((c) => `"${c.replace(/"/g, '""')}"`);
  const parsed = `${name}_parsed`;
  await engine.query(`DROP TABLE IF EXISTS ${parsed}; ALTER TABLE ${name} RENAME TO ${parsed}`);
  // DuckDB numbers a reject by record (the header is line 1), as Spark
  // numbers every record: record = line - 1. A parsed row's record number
  // is its number among the parsed rows plus the rejects before it; the
  // rejects before it are those with fewer parsed rows before them
  // (`parsed_before`), found by an ASOF join on the few rejects.
  await engine.materialize(
    name,
    `WITH bad AS (
       SELECT line - 1 AS record, any_value(csv_line ORDER BY column_idx) AS text FROM ${rejects} GROUP BY line
     ),
     shifts AS (
       SELECT parsed_before, max(rejects_so_far) AS rejects_so_far FROM (
         SELECT record - row_number() OVER (ORDER BY record) AS parsed_before, row_number() OVER (ORDER BY record) AS rejects_so_far FROM bad
       ) GROUP BY parsed_before
     )
     SELECT * FROM (
       SELECT ${names.map((c) => `p.${c}`).join(', ')}, p.${SOURCE_ROW} + coalesce(s.rejects_so_far, 0) AS ${SOURCE_ROW}, p.${MALFORMED_TEXT}
       FROM ${parsed} p ASOF LEFT JOIN shifts s ON p.${SOURCE_ROW} > s.parsed_before
       UNION ALL
       SELECT ${names.map((c) => `CAST(NULL AS VARCHAR) AS ${c}`).join(', ')}, record, text FROM bad
     ) ORDER BY ${SOURCE_ROW}`,
  );
  await engine.query(`DROP TABLE ${parsed}`);
}
