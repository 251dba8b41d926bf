import { join } from 'node:path';
import { csvLine } from '../core/csv.ts';
import { CsvWriter } from './csv-writer.ts';

/** Where generated rows go: one file, or one file per period of days (`--days-per-file`). */
export interface RowSink {
  /** Writes one row of the day `day` (days since 1970-01-01); returns 1, the rows written. */
  row(fields: string[], day: number): number;
  /** Writes a line as given (a malformed record on purpose). */
  line(text: string, day: number): number;
  close(): Promise<void>;
}

/** Every row in one file (`clients.csv`), whatever its day. */
export class SingleFileSink implements RowSink {
  private readonly writer: CsvWriter;

  constructor(path: string, header: string) {
    this.writer = new CsvWriter(path, header);
  }

  row(fields: string[]): number {
    return this.writer.row(fields);
  }

  line(text: string): number {
    return this.writer.line(text);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * Rows grouped by period of `daysPerFile` days from `firstDay`, one file per
 * period that has rows, named after the period's first day
 * (`achats_2025-12-01.csv`), as an ERP's nightly exports are. Rows are kept
 * in memory until `close`: a daily split of seven years is 2,500 files,
 * more than a process may keep open.
 */
export class DatedFileSink implements RowSink {
  private readonly periods = new Map<number, string[]>();

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly header: string,
    private readonly firstDay: number,
    private readonly daysPerFile: number,
  ) {}

  row(fields: string[], day: number): number {
    return this.line(csvLine(fields), day);
  }

  line(text: string, day: number): number {
    const period = Math.floor((day - this.firstDay) / this.daysPerFile);
    const rows = this.periods.get(period) ?? [];
    rows.push(text);
    this.periods.set(period, rows);
    return 1;
  }

  async close(): Promise<void> {
    for (const [period, rows] of [...this.periods].sort((a, b) => a[0] - b[0])) {
      const writer = new CsvWriter(join(this.dir, datedFileName(this.prefix, this.firstDay + period * this.daysPerFile)), this.header);
      for (const text of rows) writer.line(text);
      await writer.close();
    }
  }
}

/** `achats_2025-12-01.csv` for the day 2025-12-01 (days since 1970-01-01). */
export function datedFileName(prefix: string, day: number): string {
  return `${prefix}_${new Date(day * 86_400_000).toISOString().slice(0, 10)}.csv`;
}
