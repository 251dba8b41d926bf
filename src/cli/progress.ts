import { stopwatch } from '../core/stopwatch.ts';

/** Progress lines on stderr with the time since start, so long runs show where they are. */
export function progress(stream: NodeJS.WriteStream = process.stderr): (line: string) => void {
  const watch = stopwatch();
  return (line) => {
    const elapsed = watch.seconds().toFixed(1).padStart(6);
    stream.write(`[${elapsed}s] ${line}\n`);
  };
}
