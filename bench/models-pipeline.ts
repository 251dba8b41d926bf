/**
 * Bench of the predictors through the real engine path (npm run bench:models-pipeline):
 * what `electrolake run` does between `client_features` and `model_scores`.
 * For btyd: the client summary and its groups in SQL, the groups fetched,
 * MBG/NBD + Gamma-Gamma fitted and every group scored in JS, the group
 * scores handed back (Engine.loadRows) and joined to every client.
 *
 * Needs a lake at that scale; the first time it generates the sources
 * (seed 42, 2 % dirty, as `electrolake bench`) and runs the pipeline once.
 *
 * Usage: tsx bench/models-pipeline.ts [scale=100] [engine=duckdb]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine } from '../src/engines/registry.ts';
import type { Engine } from '../src/engines/engine.ts';
import { generateSources } from '../src/generate/generate.ts';
import { LocalLake } from '../src/lake/local/lake.ts';
import { BtydModel } from '../src/models/btyd/model.ts';
import { heuristicModel } from '../src/models/heuristic.ts';
import type { ModelFit, ScoringModel } from '../src/pipeline/scoring.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../src/pipeline/manifest.ts';
import { runPipeline } from '../src/pipeline/run.ts';
import { stopwatch, timed } from '../src/core/stopwatch.ts';

const scale = Number(process.argv[2] ?? 100);
const engineName = process.argv[3] ?? 'duckdb';
const work = join('.cache/bench', `models-pipeline-s${scale}`);
const sources = join(work, 'sources');
const lakeDir = join(work, 'lake');

async function ensureLake(): Promise<void> {
  if (existsSync(join(lakeDir, 'gold/client_features.parquet'))) return;
  let watch = stopwatch();
  const summary = await generateSources({ scale, seed: 42, dirty: 0.02, out: sources });
  console.log(`setup: generated ${summary.clients.toLocaleString('en')} clients, ${summary.achats.toLocaleString('en')} purchases in ${watch.text()}`);
  watch = stopwatch();
  const engine = await openEngine('duckdb');
  try {
    await runPipeline({ engine, lake: new LocalLake(lakeDir, sources), model: heuristicModel });
  } finally {
    await engine.close();
  }
  console.log(`setup: pipeline run in ${watch.text()}`);
}

/** Scores as `runGold` does: the model's SQL materialized as `model_scores`. */
async function score(engine: Engine, model: ScoringModel, asOf: string): Promise<{ total: number; join: number; rows: number; fit: ModelFit }> {
  const total = stopwatch();
  const { sql, fit } = await model.scoresSql({ engine, asOf });
  const { seconds: join } = await timed(() => engine.materialize('model_scores', sql));
  const [row] = await engine.query('SELECT count(*) AS n, count(CASE WHEN isnan(prob_reachat_12m) OR isnan(expected_value_12m) THEN 1 END) AS nan FROM model_scores');
  if (Number(row?.['nan']) !== 0) throw new Error('NaN scores');
  return { total: total.seconds(), join, rows: Number(row?.['n']), fit };
}

await ensureLake();
const lake = new LocalLake(lakeDir, sources);
const manifest = await lake.readJson<RunManifest>(LATEST_RUN_KEY);
const asOf = manifest?.as_of ?? '2025-12-31';
const engine = await openEngine(engineName);
try {
  for (const table of ['fact_achats', 'dim_clients', 'client_features']) {
    await engine.registerView(table, { format: 'parquet', path: (await lake.resolveRead('gold', table, engine.access)).path });
  }
  const heuristic = await score(engine, heuristicModel, asOf);
  const btyd = await score(engine, new BtydModel(), asOf);
  const fit = btyd.fit;
  const m = fit?.metrics ?? {};
  const fmt = (v: number | undefined) => (v === undefined ? '   n/a' : `${v.toFixed(2).padStart(6)} s`);

  console.log(`${engine.name}, scale ${scale}: ${btyd.rows.toLocaleString('en')} clients scored, as_of ${asOf}${fit?.fallback ? `, FELL BACK: ${fit.fallback.message}` : ''}`);
  console.log(`btyd: ${Number(m['bgnbd_groups']).toLocaleString('en')} (x, t_x, t_age) groups, ${Number(m['gamma_gamma_groups'] ?? 0).toLocaleString('en')} spend groups; ${fit?.params['spend_model']}`);
  for (const [label, value] of [
    ['client summary + non-buyer rates (SQL, materialized)', m['seconds_summary_sql']],
    ['groups query, rows back to JS', m['seconds_groups_query']],
    ['fit MBG/NBD', m['seconds_fit_bgnbd']],
    ['fit Gamma-Gamma', m['seconds_fit_gamma_gamma']],
    ['score all groups', m['seconds_score']],
    ['loadRows (group scores back to the engine)', m['seconds_load_rows']],
    ['join to every client (materialize model_scores)', btyd.join],
  ] as const) {
    console.log(`  ${label.padEnd(52)} ${fmt(value)}`);
  }
  console.log(`  ${'btyd fit + score, whole engine path'.padEnd(52)} ${fmt(btyd.total)}`);
  console.log(`  ${'heuristic, for comparison'.padEnd(52)} ${fmt(heuristic.total)}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await engine.close();
}
