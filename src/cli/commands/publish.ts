import { dirname } from 'node:path';
import { openLakeWithFallback } from '../../lake/fallback.ts';
import { assertWritableDir } from '../../lake/writable.ts';
import { openPublisher } from '../../serving/open.ts';
import { publishGold, rollbackPublication } from '../../serving/publish.ts';
import type { PublishReport } from '../../serving/store.ts';

export interface PublishOptions {
  /** A past snapshot's run id (`--at`); default: the current one. */
  at?: string | undefined;
  lake?: string | undefined;
  store?: 'auto' | 'embedded' | 'mongo';
  mongoUri?: string;
  mongoDb?: string;
  json?: boolean;
  rollback?: boolean;
  seedNames?: 'auto' | 'view' | 'copy';
}

/** `electrolake publish`: every gold table into the serving store (MongoDB with MONGO_URI, else the embedded file); `--rollback` flips back. */
export default async function publish(options: PublishOptions): Promise<void> {
  if (options.rollback) return rollback(options);
  const report = await publishToStore(options, (line) => process.stderr.write(`${line}\n`));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(
    `published run ${report.run_id ?? '?'} (as_of ${report.as_of ?? '?'}) from ${report.lake} to ${report.store} ${report.target} ` +
      `in ${report.seconds}s: ${report.tables.length} collections, ${rows.toLocaleString('en-US')} rows\n`,
  );
  for (const t of report.tables) {
    process.stdout.write(`  ${t.collection.padEnd(28)} ${t.rows.toLocaleString('en-US').padStart(12)}${t.rows === 0 ? '  (empty: its endpoint answers 503)' : ''}\n`);
  }
}

/** Publishes the lake's gold to the store, saying where on `log`; `electrolake demo` publishes through it too. */
export async function publishToStore(options: PublishOptions, log: (line: string) => void): Promise<PublishReport> {
  // S3 first, then the local lake, as the seed does; says which.
  const { lake } = await openLakeWithFallback({ lake: options.lake, log });
  const target = await openPublisher({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb, seedNames: options.seedNames });
  try {
    log(`publishing ${lake.uri} → ${target.kind} ${target.target}`);
    // A read-only lake says so before any work (the embedded store is a file in the lake).
    if (target.kind === 'embedded') await assertWritableDir(dirname(target.target), 'the embedded store');
    return await publishGold(await lake.at(options.at), target, (line) => log(`  ${line}`));
  } finally {
    await target.close();
  }
}

/** `publish --rollback`: the previous publication serves again (MongoDB). */
async function rollback(options: PublishOptions): Promise<void> {
  const { lake } = await openLakeWithFallback({ lake: options.lake, log: (line) => process.stderr.write(`${line}\n`) });
  const target = await openPublisher({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb });
  try {
    const back = await rollbackPublication(target, (line) => process.stderr.write(`  ${line}\n`));
    if (options.json) process.stdout.write(`${JSON.stringify(back, null, 2)}\n`);
    else process.stdout.write(`rolled back ${target.target} to publication ${back.version} (run ${back.run_id ?? '?'}, as_of ${back.as_of ?? '?'})\n`);
  } finally {
    await target.close();
  }
}
