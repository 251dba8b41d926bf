/**
 * The backtest of `electrolake train --backtest`, with BG/NBD next to the
 * default MBG/NBD: evidence for the variant choice on our own data
 * (docs/models.md). Runs on an existing lake (default: the scale-100 lake
 * that bench/models-pipeline.ts builds).
 *
 * Usage: tsx bench/models-variants.ts [lake=.cache/bench/models-pipeline-s100/lake] [as_of=the lake's]
 */
import { openEngine } from '../src/engines/registry.ts';
import { LocalLake } from '../src/lake/local/lake.ts';
import { registerSilver } from '../src/models/backtest/client-views.ts';
import { backtestTable } from '../src/models/backtest/report.ts';
import { runBacktest } from '../src/models/backtest/run-backtest.ts';
import { BtydModel } from '../src/models/btyd/model.ts';
import { heuristicModel } from '../src/models/heuristic.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../src/pipeline/manifest.ts';

const lakeDir = process.argv[2] ?? '.cache/bench/models-pipeline-s100/lake';
const lake = new LocalLake(lakeDir, '');
const asOf = process.argv[3] ?? (await lake.readJson<RunManifest>(LATEST_RUN_KEY))?.as_of ?? '2025-12-31';
const engine = await openEngine('duckdb');
try {
  await registerSilver(engine, lake);
  const result = await runBacktest(engine, asOf, {
    log: (line) => console.error(line),
    candidates: {
      heuristic: async () => heuristicModel,
      mbg_nbd: async () => new BtydModel({ variant: 'mbg' }),
      bg_nbd: async () => new BtydModel({ variant: 'bg' }),
    },
  });
  console.log(backtestTable(result));
  for (const m of result.models) {
    const p = m.fit.params;
    if (p['r'] !== undefined) console.log(`${m.model}: r ${p['r']}, alpha ${p['alpha']} days, a ${p['a']}, b ${p['b']}, LL ${m.fit.metrics['bgnbd_log_likelihood']}`);
  }
} finally {
  await engine.close();
}
