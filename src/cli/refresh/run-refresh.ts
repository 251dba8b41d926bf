import { AppError, toAppError } from '../../core/errors.ts';
import { postNotice, noticeOf } from '../../ingest/notify.ts';
import { readRefreshStatus, REFRESH_STATUS_KEY, type RefreshStatus, type RefreshStep } from '../../ingest/refresh-status.ts';
import { isS3Uri, openLake } from '../../lake/open.ts';
import { checkLake } from '../commands/check.ts';
import { ingestInto } from '../commands/ingest.ts';
import { publishToStore } from '../commands/publish.ts';
import { runLake } from '../commands/run.ts';
import { stopwatch } from '../../core/stopwatch.ts';

export interface RefreshOptions {
  /** A landing folder or `s3://bucket/prefix`; default: the lake's sources (see `ingest`). */
  from?: string | undefined;
  lake?: string | undefined;
  engine: string;
  model?: string | undefined;
  runDate?: string | undefined;
  store?: 'auto' | 'embedded' | 'mongo';
  mongoUri?: string;
  mongoDb?: string;
  /** POST a JSON notice here on failure and on recovery. */
  notifyUrl?: string | undefined;
  wait?: number | undefined;
  /** Ingest only these landing files (`watch`: the ones that finished landing). */
  only?: readonly string[] | undefined;
}

/**
 * ingest → run → check → publish, one line per step on `log`, stopping at
 * the first failure: a failed run leaves the previous snapshot current, a
 * failed check leaves the new snapshot unpublished, so the serving store
 * keeps the previous publication either way. Records the attempt in the
 * lake (`_refresh/status.json`) and notifies on failure and on recovery.
 * Throws the failing step's error, its message prefixed with the step.
 */
export async function refresh(options: RefreshOptions, log: (line: string) => void, detail: (line: string) => void = () => {}): Promise<RefreshStatus> {
  const lake = await openLake({ lake: options.lake });
  const previous = await readRefreshStatus(lake).catch(() => undefined);
  const status: RefreshStatus = {
    status: 'failed', step: null, message: '', run_id: null, started_at: new Date().toISOString(), finished_at: '',
    last_success_at: previous?.last_success_at ?? null, last_success_run_id: previous?.last_success_run_id ?? null,
    counts: { files: 0, rows: 0, purchases: null, updated: null }, timings_s: {},
  };
  const steps: [RefreshStep, () => Promise<string>][] = [
    ['ingest', async () => {
      const s = await ingestInto({ from: options.from, lake: options.lake, wait: options.wait, only: options.only }, detail);
      status.counts.files = s.ingested.length;
      status.counts.rows = s.ingested.reduce((n, f) => n + f.rows, 0);
      const versions = s.newVersions.length > 0 ? `; new version of ${s.newVersions.join(', ')}` : '';
      return `${s.ingested.length} new file(s), ${status.counts.rows.toLocaleString('en')} rows, ${s.skipped.length} already ingested${versions}`;
    }],
    ['run', async () => {
      const m = await runLake({
        // A run reads the ingested parts; its --sources only matter to a lake never ingested, and are a folder.
        sources: options.from !== undefined && isS3Uri(options.from) ? undefined : options.from, lake: options.lake, engine: options.engine, model: options.model, wait: options.wait,
        ...(options.runDate === undefined ? {} : { runDate: options.runDate }),
      }, detail);
      status.run_id = m.run_id;
      status.counts.purchases = m.stages.silver['achats'] ?? null;
      status.counts.updated = m.reconciliation['achats']?.updated ?? null;
      return `run ${m.run_id}, as_of ${m.as_of}, ${(status.counts.purchases ?? 0).toLocaleString('en')} purchases`;
    }],
    ['check', async () => {
      const report = await checkLake({ lake: options.lake, engine: options.engine });
      if (!report.ok) {
        const failed = report.results.filter((r) => !r.ok).map((r) => r.name);
        throw new AppError('CHECK_FAILED', `${report.failed} check(s) failed: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}`);
      }
      return `${report.passed} checks passed`;
    }],
    ['publish', async () => {
      const r = await publishToStore({ lake: options.lake, ...storeChoice(options) }, detail);
      return `run ${r.run_id ?? '?'} published to ${r.store} ${r.target}`;
    }],
  ];
  for (const [step, work] of steps) {
    const watch = stopwatch();
    try {
      const said = await work();
      status.timings_s = { ...status.timings_s, [step]: watch.seconds(3) };
      log(`refresh ${step.padEnd(7)} ok      ${watch.text().padStart(7)}  ${said}`);
    } catch (error) {
      const appError = toAppError(error);
      log(`refresh ${step.padEnd(7)} FAILED  ${watch.text().padStart(7)}  ${appError.message}`);
      Object.assign(status, { step, message: appError.message, finished_at: new Date().toISOString() });
      await record(lake, status, log);
      if (options.notifyUrl !== undefined) await postNotice(options.notifyUrl, noticeOf(status), log);
      throw new AppError(appError.code, `refresh failed at ${step}: ${appError.message} (the previous publication is still served)`, { cause: error });
    }
  }
  const now = new Date().toISOString();
  Object.assign(status, { status: 'succeeded', message: 'ok', finished_at: now, last_success_at: now, last_success_run_id: status.run_id });
  await record(lake, status, log);
  if (options.notifyUrl !== undefined && previous?.status === 'failed') await postNotice(options.notifyUrl, noticeOf(status), log);
  return status;
}

/** Saving the status must not turn a good refresh into a failed one: logged. */
async function record(lake: Awaited<ReturnType<typeof openLake>>, status: RefreshStatus, log: (line: string) => void): Promise<void> {
  await lake.writeJson(REFRESH_STATUS_KEY, status).catch((error: unknown) => log(`refresh could not save ${REFRESH_STATUS_KEY}: ${toAppError(error).message}`));
}

/** The store options that were given (the publish options take no undefined). */
function storeChoice(options: RefreshOptions): { store?: 'auto' | 'embedded' | 'mongo'; mongoUri?: string; mongoDb?: string } {
  return Object.fromEntries(Object.entries({ store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb }).filter(([, v]) => v !== undefined));
}
