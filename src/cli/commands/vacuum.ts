import { openLake } from '../../lake/open.ts';

/** `electrolake vacuum`: keeps the newest `keep` snapshots (the current one always), under the writer lock. */
export default async function vacuum(options: { lake?: string; keep: number; wait: number }): Promise<void> {
  const lake = await openLake({ lake: options.lake });
  await lake.ensureWritable();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const lock = await lake.lock({ waitSeconds: options.wait, command: 'vacuum', log });
  try {
    const removed = await lake.vacuum(options.keep);
    const kept = (await lake.history()).length;
    process.stdout.write(
      removed.length === 0
        ? `nothing to remove: ${kept} snapshot(s) kept in ${lake.uri}\n`
        : `removed ${removed.length} snapshot(s) (${removed.join(', ')}); ${kept} kept in ${lake.uri}\n`,
    );
  } finally {
    await lock.release();
  }
}
