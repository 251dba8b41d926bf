import { openLakeWithFallback } from '../../lake/fallback.ts';
import { openPublisher } from '../../serving/open.ts';
import { publishGold } from '../../serving/publish.ts';

export interface PublishOptions {
  lake?: string;
  store?: 'auto' | 'embedded' | 'mongo';
  mongoUri?: string;
  mongoDb?: string;
  json?: boolean;
}

/** `electrolake publish`: every gold table into the serving store (MongoDB with MONGO_URI, else the embedded file). */
export default async function publish(options: PublishOptions): Promise<void> {
  // S3 first, then the local lake, as the seed does; says which on stderr.
  const { lake } = await openLakeWithFallback({ lake: options.lake, log: (line) => process.stderr.write(`${line}\n`) });
  const target = await openPublisher({ lake, store: options.store, mongoUri: options.mongoUri, mongoDb: options.mongoDb });
  try {
    process.stderr.write(`publishing ${lake.uri} → ${target.kind} ${target.target}\n`);
    const report = await publishGold(lake, target, (line) => process.stderr.write(`  ${line}\n`));
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
  } finally {
    await target.close();
  }
}
