import { AppError } from '../core/errors.ts';
import type { SourceName } from '../lake/layout.ts';
import { writeAndKeepTable, type StageContext } from '../pipeline/context.ts';
import { partsPrefix, type Registry } from './registry.ts';

/**
 * Bronze of a lake fed by `electrolake ingest`: every registered part of
 * each source, older versions included (silver decides which version
 * wins). Only registered parts: one a killed ingest left has a number the
 * registry does not give to that source. Keeps `bronze_clients` and
 * `bronze_achats` readable for the silver stage, as the single-file bronze does.
 */
export async function runBronzeFromParts(ctx: StageContext, registry: Registry): Promise<Record<SourceName, number>> {
  const rows = { clients: 0, achats: 0 };
  for (const source of ['clients', 'achats'] as const) {
    const seqs = registry.files.filter((f) => f.source === source).map((f) => f.seq);
    if (seqs.length === 0) {
      throw new AppError('BAD_INPUT', `no ${source} file has been ingested into ${ctx.lake.uri}: land a ${source}*.csv file and run \`electrolake ingest\``);
    }
    await ctx.engine.registerView(`parts_${source}`, { format: 'parquet', path: await ctx.lake.partsPath(partsPrefix(source), ctx.engine.access) });
    rows[source] = await writeAndKeepTable(
      ctx, 'bronze', source, `SELECT * FROM parts_${source} WHERE _ingest_seq IN (${seqs.join(', ')})`, `bronze_${source}`,
    );
    ctx.log(`bronze  ${source}: ${rows[source].toLocaleString('en')} rows from ${seqs.length.toLocaleString('en')} ingested files`);
  }
  return rows;
}
