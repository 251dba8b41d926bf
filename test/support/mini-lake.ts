import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { heuristicModel } from '../../src/models/heuristic.ts';
import type { ScoringModel } from '../../src/pipeline/scoring.ts';
import type { RunManifest } from '../../src/pipeline/manifest.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { tempDir } from './cli.ts';
import { readParquet } from './duckdb.ts';

export const CLIENTS_HEADER = 'id_client,nom,email,pays,date_inscription';
export const ACHATS_HEADER = 'id_achat,id_client,date_achat,montant,produit';

/** Runs the whole pipeline on a few hand-written CSV lines, on DuckDB and a temporary local lake. */
export async function runOnFixture(
  clients: string[],
  achats: string[],
  options: { asOf?: string; runDate?: string; model?: ScoringModel } = {},
): Promise<{ manifest: RunManifest; lake: string; table: (layer: string, name: string, orderBy?: string) => ReturnType<typeof readParquet> }> {
  const dir = tempDir();
  const sources = join(dir, 'sources');
  mkdirSync(sources);
  writeFileSync(join(sources, 'clients.csv'), [CLIENTS_HEADER, ...clients].join('\n') + '\n');
  writeFileSync(join(sources, 'achats.csv'), [ACHATS_HEADER, ...achats].join('\n') + '\n');
  const lakeDir = join(dir, 'lake');
  const engine = await DuckDbEngine.create();
  try {
    const manifest = await runPipeline({
      engine,
      lake: new LocalLake(lakeDir, sources),
      model: options.model ?? heuristicModel,
      asOf: options.asOf,
      runDate: options.runDate ?? '2025-06-30',
    });
    return { manifest, lake: lakeDir, table: (layer, name, orderBy) => readParquet(join(lakeDir, layer, `${name}.parquet`), orderBy) };
  } finally {
    await engine.close();
  }
}
