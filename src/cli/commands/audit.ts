import { readAudit } from '../../auth/audit-log.ts';
import { openLakeWithFallback } from '../../lake/fallback.ts';

interface AuditOptions {
  lake?: string;
  since?: string;
  json?: boolean;
}

/** `electrolake audit [--since DATE]`: who received personal data from the API, oldest first. */
export default async function audit(options: AuditOptions): Promise<void> {
  const { lake } = await openLakeWithFallback({ lake: options.lake, log: (line) => process.stderr.write(`${line}\n`) });
  const lines = await readAudit(lake, options.since ?? '');
  if (options.json) {
    process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
    return;
  }
  if (lines.length === 0) process.stderr.write(`no audit lines${options.since ? ` since ${options.since}` : ''}\n`);
  for (const l of lines) process.stdout.write(`${l.time} ${l.token} ${l.endpoint} ${l.clients}\n`);
}
