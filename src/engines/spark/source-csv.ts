import { MALFORMED_TEXT, SOURCE_ROW } from '../engine.ts';
import { sparkDialect, sparkLiteral } from './dialect.ts';

/** What reading a source needs from the Spark engine. */
interface SparkRunner {
  command(sql: string): Promise<void>;
  /** The file's header names, as Spark reads them. */
  headerColumns(path: string): Promise<string[]>;
}

/** The Unicode replacement character: what Spark's UTF-8 decoder puts for bytes that are not UTF-8. */
const REPLACEMENT = '\uFFFD';

/**
 * A CSV source as bronze reads it, with Spark's own reject handling:
 * `mode=PERMISSIVE` with `columnNameOfCorruptRecord` keeps a record it
 * cannot parse with its text, where DuckDB's `store_rejects` sets it
 * aside; both become one row with every column null and the text in
 * `_malformed_text`. Spark decodes bytes that are not UTF-8 as U+FFFD
 * instead of rejecting them: such a record is malformed too (its text is
 * its fields joined by commas), as DuckDB has it.
 *
 * RFC 4180 quoting ("" inside quotes), and multiLine so quoted newlines
 * work and the file is one partition read in order (`_source_row` relies on it).
 */
export async function registerSourceCsvSpark(spark: SparkRunner, name: string, path: string): Promise<void> {
  const q = sparkDialect.quote;
  const columns = await spark.headerColumns(path);
  const raw = `${name}_records`;
  const options = {
    header: 'true', sep: ',', quote: '"', escape: '"', multiLine: 'true', encoding: 'UTF-8',
    mode: 'PERMISSIVE', columnNameOfCorruptRecord: MALFORMED_TEXT, path,
  };
  await spark.command(
    `CREATE OR REPLACE TEMPORARY VIEW ${q(raw)} (${[...columns, MALFORMED_TEXT].map((c) => `${q(c)} STRING`).join(', ')})
     USING csv OPTIONS (${Object.entries(options).map(([k, v]) => `${k} ${sparkLiteral(v)}`).join(', ')})`,
  );
  const badBytes = columns.map((c) => `coalesce(instr(${q(c)}, ${sparkLiteral(REPLACEMENT)}), 0) > 0`).join(' OR ');
  const malformed = `(${q(MALFORMED_TEXT)} IS NOT NULL OR ${badBytes})`;
  await spark.command(
    `CREATE OR REPLACE TEMPORARY VIEW ${q(name)} AS
     SELECT ${columns.map((c) => `CASE WHEN NOT ${malformed} THEN ${q(c)} END AS ${q(c)}`).join(', ')},
            monotonically_increasing_id() + 1 AS ${SOURCE_ROW},
            CASE WHEN ${malformed} THEN coalesce(${q(MALFORMED_TEXT)}, concat_ws(',', ${columns.map(q).join(', ')})) END AS ${MALFORMED_TEXT}
     FROM ${q(raw)}`,
  );
}
