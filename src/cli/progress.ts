/** Progress lines on stderr with the time since start, so long runs show where they are. */
export function progress(stream: NodeJS.WriteStream = process.stderr): (line: string) => void {
  const start = performance.now();
  return (line) => {
    const elapsed = ((performance.now() - start) / 1000).toFixed(1).padStart(6);
    stream.write(`[${elapsed}s] ${line}\n`);
  };
}
