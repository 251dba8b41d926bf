import { MALFORMED_TEXT, SOURCE_ROW } from '../../engines/engine.ts';
import { SOURCE_FILES, type SourceName } from '../../lake/layout.ts';
import { writeAndKeepTable, type StageContext } from '../context.ts';
import { SOURCE_COLUMNS, validateSourceFile } from './validate-source.ts';

export interface BronzeResult {
  rows: Record<SourceName, number>;
}

/**
 * Bronze: the source rows exactly as they came, every column a string, plus
 * lineage (`_source_file`, `_source_row`, `_ingested_at`) and, for a record
 * the CSV reader cannot parse, its text in `_malformed_text` (its columns
 * null; silver quarantines it as `malformed_row`). Keeps
 * `bronze_clients` and `bronze_achats` readable for the silver stage.
 */
export async function runBronze(ctx: StageContext, ingestedAt: string): Promise<BronzeResult> {
  const rows = { clients: 0, achats: 0 };
  // Check both files before ingesting either: a bad source stops the run before any work.
  const paths = { clients: '', achats: '' };
  for (const source of ['clients', 'achats'] as const) {
    const read = await ctx.lake.resolveRead('sources', SOURCE_FILES[source], ctx.engine.access);
    // The checks read the file itself: when the engine reads the source
    // from S3 (Spark), they read the lake's local copy of the same object.
    const local = read.access === 'local' ? read : await ctx.lake.resolveRead('sources', SOURCE_FILES[source], ['local']);
    await validateSourceFile(local.path, SOURCE_COLUMNS[source]);
    paths[source] = read.path;
  }
  for (const source of ['clients', 'achats'] as const) {
    const file = SOURCE_FILES[source];
    const path = paths[source];
    await ctx.engine.registerSourceCsv(`src_${source}`, path);
    const columns = SOURCE_COLUMNS[source].join(', ');
    rows[source] = await writeAndKeepTable(
      ctx,
      'bronze',
      source,
      `SELECT ${columns}, ${ctx.engine.dialect.literal(file)} AS _source_file,
              CAST(${SOURCE_ROW} AS BIGINT) AS _source_row,
              CAST(${ctx.engine.dialect.literal(ingestedAt)} AS TIMESTAMP) AS _ingested_at,
              ${MALFORMED_TEXT}
       FROM src_${source}`,
      `bronze_${source}`,
    );
    await ctx.engine.release(`src_${source}`);
    ctx.log(`bronze  ${source}: ${rows[source].toLocaleString('en')} rows`);
  }
  return { rows };
}
