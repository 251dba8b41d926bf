import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { csvLine } from '../core/csv.ts';

/** Buffered CSV output, written to a temporary name and renamed when complete. */
export class CsvWriter {
  private readonly temp: string;
  private readonly stream;
  private buffer: string[] = [];

  constructor(
    private readonly path: string,
    header: string,
  ) {
    this.temp = `${path}.tmp-${process.pid}`;
    this.stream = createWriteStream(this.temp);
    this.buffer.push(header);
  }

  row(fields: string[]): number {
    return this.line(csvLine(fields));
  }

  /** A line as given, quoted or not (a malformed record on purpose). */
  line(text: string): number {
    this.buffer.push(text);
    if (this.buffer.length >= 50_000) this.flush();
    return 1;
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    await rename(this.temp, this.path);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.stream.write(`${this.buffer.join('\n')}\n`);
    this.buffer = [];
  }
}

