import { progress } from '../progress.ts';
import { refresh, type RefreshOptions } from '../refresh/run-refresh.ts';

/** `electrolake refresh`: ingest → run → check → publish; a non-zero exit names the failing step. */
export default async function refreshCommand(options: RefreshOptions & { verbose?: boolean }): Promise<void> {
  const log = progress();
  await refresh(options, log, options.verbose === true ? log : undefined);
}
