import type { ColumnData, Engine, FileSource, Row } from './engine.ts';
import { stopwatch } from '../core/stopwatch.ts';

/**
 * An engine that times every call and reports one line per call: the stage
 * it ran in, what it touched (a view, a table, a file, or the start of a
 * query), wall-clock seconds, CPU seconds of this process (every
 * DuckDB thread; a Spark server's CPU is not seen) and rows when known. On
 * a loaded machine the CPU figure is the steadier one. `run --profile` and
 * `DEBUG=electrolake` wrap the engine with it to show where a run spends
 * its time; it changes nothing else.
 */
export class ProfiledEngine implements Engine {
  /** Set by the pipeline before each stage. */
  stage = '-';

  constructor(
    private readonly inner: Engine,
    private readonly report: (line: string) => void,
  ) {}

  get name(): Engine['name'] {
    return this.inner.name;
  }

  get dialect(): Engine['dialect'] {
    return this.inner.dialect;
  }

  get access(): Engine['access'] {
    return this.inner.access;
  }

  query(sql: string): Promise<Row[]> {
    return this.timed('query', oneLine(sql), () => this.inner.query(sql), (rows) => rows.length);
  }

  registerView(name: string, source: FileSource): Promise<void> {
    return this.timed('view', name, () => this.inner.registerView(name, source));
  }

  registerSourceCsv(name: string, path: string): Promise<void> {
    return this.timed('source', name, () => this.inner.registerSourceCsv(name, path));
  }

  materialize(name: string, sql: string): Promise<void> {
    return this.timed('materialize', name, () => this.inner.materialize(name, sql));
  }

  release(name: string): Promise<void> {
    return this.timed('release', name, () => this.inner.release(name));
  }

  loadRows(name: string, columns: readonly ColumnData[]): Promise<void> {
    return this.timed('load', name, () => this.inner.loadRows(name, columns), () => columns[0]?.values.length);
  }

  writeParquet(sql: string, path: string): Promise<void> {
    return this.timed('write', path, () => this.inner.writeParquet(sql, path));
  }

  writeAndKeep(sql: string, path: string, view: string): Promise<number> {
    return this.timed('write+keep', `${view} → ${path}`, () => this.inner.writeAndKeep(sql, path, view), (n) => n);
  }

  describe(view: string): Promise<{ name: string; type: string }[]> {
    return this.inner.describe(view);
  }

  version(): Promise<string> {
    return this.inner.version();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async timed<T>(call: string, target: string, run: () => Promise<T>, rows?: (result: T) => number | undefined): Promise<T> {
    const watch = stopwatch();
    const cpuStart = process.cpuUsage();
    const result = await run();
    const seconds = watch.seconds().toFixed(3);
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(3);
    const count = rows?.(result);
    this.report(
      `profile ${this.stage.padEnd(6)} ${call.padEnd(11)} ${seconds.padStart(7)}s cpu ${cpuSeconds.padStart(7)}s ` +
        `${count === undefined ? '' : `${count.toLocaleString('en')} rows `}${target}`,
    );
    return result;
  }
}

/** The first 100 characters of a query on one line. */
function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}
