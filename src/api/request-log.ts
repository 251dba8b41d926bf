/**
 * Request log lines, written in batches: one `write` per line at thousands
 * of requests a second costs a system call each, so lines are buffered and
 * flushed every `intervalMs` (or at 64 KiB, or on `flush()` at shutdown).
 */
export interface RequestLog {
  line(text: string): void;
  flush(): void;
}

export function bufferedLog(write: (text: string) => void, intervalMs = 200): RequestLog {
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    write(text);
  };
  return {
    line(text) {
      buffer += `${text}\n`;
      if (buffer.length > 65_536) flush();
      else timer ??= setTimeout(flush, intervalMs).unref();
    },
    flush,
  };
}
