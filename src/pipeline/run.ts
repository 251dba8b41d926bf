import { randomBytes } from 'node:crypto';
import { toAppError } from '../core/errors.ts';
import type { Engine } from '../engines/engine.ts';
import { ProfiledEngine } from '../engines/profiled.ts';
import { runBronzeFromParts } from '../ingest/bronze-parts.ts';
import { readRegistry } from '../ingest/registry.ts';
import type { Lake } from '../lake/lake.ts';
import type { ScoringModel } from './scoring.ts';
import { runBronze } from './bronze/stage.ts';
import type { StageContext } from './context.ts';
import { runGold } from './gold/stage.ts';
import { reconcile, runKey, type RunManifest } from './manifest.ts';
import { INGESTED_LINEAGE, SINGLE_FILE_LINEAGE } from './silver/lineage.ts';
import { runSilver } from './silver/stage.ts';
import { stopwatch } from '../core/stopwatch.ts';

export interface RunOptions {
  engine: Engine;
  lake: Lake;
  model: ScoringModel;
  asOf?: string | undefined;
  /** Defaults to today: purchases after it are quarantined as `future_date`. */
  runDate?: string | undefined;
  log?: (line: string) => void;
  /** Given: one line per engine call (stage, call, seconds, rows, target), to see where the time goes. */
  profile?: ((line: string) => void) | undefined;
}

/**
 * bronze → silver → gold. Every table is written into the run's own
 * version and the run becomes the lake's current snapshot in one atomic
 * step once all three layers are written, so a failed or killed run leaves
 * the previous snapshot whole; its record (`_runs/<run_id>.json`) says what
 * went wrong. The caller holds the lake's writer lock.
 */
export async function runPipeline(options: RunOptions): Promise<RunManifest> {
  const started = new Date();
  const runId = `${started.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`;
  const profiled = options.profile ? new ProfiledEngine(options.engine, options.profile) : undefined;
  const stage = (name: string): void => {
    if (profiled) profiled.stage = name;
  };
  const ctx: StageContext = {
    engine: profiled ?? options.engine,
    lake: options.lake,
    runId,
    runDate: options.runDate ?? started.toISOString().slice(0, 10),
    log: options.log ?? (() => {}),
  };
  const manifest: RunManifest = {
    run_id: runId, status: 'failed', engine: options.engine.name, engine_version: await options.engine.version(),
    lake: options.lake.uri, sources: options.lake.sources, model: options.model.name, as_of: options.asOf ?? null,
    run_date: ctx.runDate, started_at: started.toISOString(), finished_at: '', timings_s: {}, peak_rss_mb: 0,
    stages: { bronze: {}, silver: {}, quarantine: {}, gold: {} },
    repairs: {}, quarantine_by_reason: {}, duplicates: {}, reconciliation: {},
  };
  const total = stopwatch();
  const parent = (await options.lake.snapshotId()) ?? null;
  manifest.parent = parent;
  try {
    let t = stopwatch();
    stage('bronze');
    // A lake fed by `electrolake ingest` builds bronze from its parts; else the two plain files, as always.
    const registry = await readRegistry(options.lake);
    const ingested = registry.files.length > 0;
    manifest.stages.bronze = ingested
      ? await runBronzeFromParts(ctx, registry)
      : (await runBronze(ctx, started.toISOString().replace('T', ' ').slice(0, 19))).rows;
    if (ingested) manifest.ingested_files = registry.files.length;
    manifest.timings_s['bronze'] = t.seconds(2);

    t = stopwatch();
    stage('silver');
    const silver = await runSilver(ctx, ingested ? INGESTED_LINEAGE : SINGLE_FILE_LINEAGE);
    for (const name of ['clients', 'achats'] as const) {
      const r = silver[name];
      manifest.stages.silver[name] = r.silver;
      manifest.stages.quarantine[name] = r.quarantine;
      manifest.repairs[name] = r.repairs;
      manifest.quarantine_by_reason[name] = r.quarantineByReason;
      manifest.duplicates[name] = r.duplicates;
      manifest.reconciliation[name] = reconcile(r);
    }
    manifest.timings_s['silver'] = t.seconds(2);

    t = stopwatch();
    stage('gold');
    const gold = await runGold(ctx, options.model, options.asOf);
    manifest.as_of = gold.asOf;
    manifest.model = gold.model; // a model that fell back names what scored
    manifest.stages.gold = gold.tables;
    manifest.timings_s['gold'] = t.seconds(2);

    t = stopwatch();
    const snapshot = await options.lake.commitWrites(runId, parent, { ...manifest, status: 'succeeded' }, ctx.log);
    manifest.timings_s['commit'] = t.seconds(2);
    manifest.status = 'succeeded';
    manifest.files = snapshot.files;
  } catch (error) {
    manifest.error = toAppError(error).message;
    await options.lake.abortWrites(runId).catch(() => {});
    throw error;
  } finally {
    manifest.timings_s['total'] = total.seconds(2);
    manifest.finished_at = new Date().toISOString();
    manifest.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
    // The run's record, with the commit's timing (the snapshot's own
    // manifest is written before the switch). Not part of the snapshot: a
    // failure here leaves the lake as committed.
    await options.lake.writeJson(runKey(runId), manifest).catch((error: unknown) => {
      ctx.log(`run ${runId}: could not save its record ${runKey(runId)} (${toAppError(error).message})`);
    });
  }
  return manifest;
}
