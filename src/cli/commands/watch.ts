import { setTimeout as sleep } from 'node:timers/promises';
import { toAppError } from '../../core/errors.ts';
import { landingLister } from '../../ingest/landing-lister.ts';
import { LandingWatch } from '../../ingest/landing-watch.ts';
import { readRegistry } from '../../ingest/registry.ts';
import { openLake } from '../../lake/open.ts';
import { progress } from '../progress.ts';
import { refresh, type RefreshOptions } from '../refresh/run-refresh.ts';

/**
 * `electrolake watch`: polls the landing (a folder or an S3 prefix) every `interval` seconds
 * and refreshes (ingest → run → check → publish) when new files have
 * finished landing. One refresh at a time (they run in this loop, and the
 * lake's writer lock keeps out any other writer); a failed refresh is
 * logged (and notified) and the loop goes on. SIGINT/SIGTERM stop it after
 * the refresh in progress.
 */
export default async function watch(options: RefreshOptions & { interval: number; verbose?: boolean }): Promise<void> {
  const log = progress();
  const intervalMs = options.interval * 1000;
  const landing = new LandingWatch(intervalMs);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const lake = await openLake({ lake: options.lake });
  const from = options.from ?? lake.sources;
  const list = await landingLister(from);
  log(`watch   ${from} every ${options.interval}s → ${lake.uri}${options.notifyUrl === undefined ? ' (failures are logged: no --notify-url)' : ''}`);
  let waitingFor = '';
  while (!stop.signal.aborted) {
    try {
      const decision = landing.decide(await list((await readRegistry(lake)).files), Date.now());
      if (decision.action === 'wait' && decision.files.join() !== waitingFor) log(`watch   waiting for ${decision.files.join(', ')} to finish landing`);
      waitingFor = decision.action === 'wait' ? decision.files.join() : '';
      if (decision.action === 'refresh') {
        log(`watch   new: ${decision.files.join(', ')}`);
        const ok = await refresh({ ...options, from, only: decision.files }, log, options.verbose === true ? log : undefined).then(() => true, (error: unknown) => {
          log(`watch   ${toAppError(error).message}; watching on`);
          return false;
        });
        landing.attempted(decision.signature, ok);
      }
    } catch (error) {
      log(`watch   ${toAppError(error).message}; watching on`);
    }
    await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => {});
  }
  log('watch   stopped');
}
