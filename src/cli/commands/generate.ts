import { generateSources } from '../../generate/generate.ts';
import { stopwatch } from '../../core/stopwatch.ts';

export default async function generate(options: { scale: number; seed: number; dirty: number; out: string }): Promise<void> {
  const watch = stopwatch();
  const summary = await generateSources(options);
  const secondsTaken = watch.seconds().toFixed(1);
  process.stdout.write(
    `generated ${summary.clients.toLocaleString('en')} clients and ${summary.achats.toLocaleString('en')} purchases ` +
      `(${summary.clientRows.toLocaleString('en')} + ${summary.achatRows.toLocaleString('en')} rows, ` +
      `${summary.dirtyClientRows + summary.dirtyAchatRows} with defects) from ${summary.from} to ${summary.to} ` +
      `in ${options.out} in ${secondsTaken}s\n`,
  );
}
