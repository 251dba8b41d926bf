import { settings } from '../../core/config.ts';
import { generateSources } from '../../generate/generate.ts';
import { stopwatch } from '../../core/stopwatch.ts';

export default async function generate(flags: { scale: number; seed: number; dirty: number; out?: string; daysPerFile?: number }): Promise<void> {
  const watch = stopwatch();
  const options = { ...flags, out: settings({ sources: flags.out }).sources };
  const summary = await generateSources(options);
  const secondsTaken = watch.seconds().toFixed(1);
  process.stdout.write(
    `generated ${summary.clients.toLocaleString('en')} clients and ${summary.achats.toLocaleString('en')} purchases ` +
      `(${summary.clientRows.toLocaleString('en')} + ${summary.achatRows.toLocaleString('en')} rows, ` +
      `${summary.dirtyClientRows + summary.dirtyAchatRows} with defects) from ${summary.from} to ${summary.to} ` +
      `in ${options.out}${options.daysPerFile === undefined ? '' : ` (one file per ${options.daysPerFile} days)`} in ${secondsTaken}s\n`,
  );
}
