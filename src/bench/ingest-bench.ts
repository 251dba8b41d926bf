import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ingestInto } from '../cli/commands/ingest.ts';
import { refresh } from '../cli/refresh/run-refresh.ts';
import { PRODUCTS } from '../generate/catalog.ts';
import { generateSources } from '../generate/generate.ts';
import { Random } from '../generate/random.ts';
import { machineInfo } from './machine.ts';
import { csvText } from '../core/csv.ts';
import { stopwatch } from '../core/stopwatch.ts';

export interface IngestBenchResult {
  scale: number;
  history_purchases: number;
  day_purchases: number;
  /** Ingesting the whole history once (its two files). */
  history_ingest_s: number;
  /** Ingesting one day's file into the lake that holds the history. */
  day_ingest_s: number;
  /** `refresh` of a further day's file: seconds per step and in all. */
  day_refresh_s: Record<string, number>;
}

export interface IngestBenchReport {
  generated_at: string;
  machine: Record<string, string | number>;
  results: IngestBenchResult[];
}

const DAY_PURCHASES = 5_000;

/**
 * The nightly case: a lake holding the whole history (scale N), then one
 * day's export (~5,000 purchases) ingested, and another refreshed (ingest →
 * run → check → publish, embedded store). Ingesting costs the new file, not
 * the history: `day_ingest_s` should not grow with the scale, while the
 * refresh's run does (it rebuilds silver and gold).
 */
export async function benchIngest(options: { scales: number[]; workDir: string; log: (line: string) => void }): Promise<IngestBenchReport> {
  const report: IngestBenchReport = { generated_at: new Date().toISOString(), machine: machineInfo(), results: [] };
  for (const scale of options.scales) {
    const dir = resolve(options.workDir, `ingest-s${scale}`);
    rmSync(dir, { recursive: true, force: true });
    const landing = join(dir, 'landing');
    const lake = join(dir, 'lake');
    const quiet = () => {};
    const summary = await generateSources({ scale, seed: 42, dirty: 0.02, out: landing });
    let t = stopwatch();
    await ingestInto({ from: landing, lake }, quiet);
    const historyIngest = t.seconds(3);
    await refresh({ from: landing, lake, engine: 'duckdb', model: 'heuristic', store: 'embedded' }, quiet);

    await writeDay(join(landing, 'achats_2025-12-30.csv'), summary.clients, 1, summary.achats);
    t = stopwatch();
    await ingestInto({ from: landing, lake }, quiet);
    const dayIngest = t.seconds(3);

    await writeDay(join(landing, 'achats_2025-12-31.csv'), summary.clients, 2, summary.achats + DAY_PURCHASES);
    t = stopwatch();
    const status = await refresh({ from: landing, lake, engine: 'duckdb', model: 'heuristic', store: 'embedded' }, quiet);
    const result: IngestBenchResult = {
      scale, history_purchases: summary.achats, day_purchases: DAY_PURCHASES, history_ingest_s: historyIngest, day_ingest_s: dayIngest,
      day_refresh_s: { ...status.timings_s, total: t.seconds(3) },
    };
    options.log(`bench   ingest scale ${scale}: history ${historyIngest}s, one day ${dayIngest}s, refresh of one day ${result.day_refresh_s['total']}s ${JSON.stringify(status.timings_s)}`);
    report.results.push(result);
  }
  return report;
}

/** One day's export: DAY_PURCHASES purchases of existing clients, with ids after the history's. */
async function writeDay(path: string, clients: number, seed: number, firstId: number): Promise<void> {
  const random = new Random(seed);
  const rows: string[][] = [];
  for (let i = 1; i <= DAY_PURCHASES; i++) {
    const product = random.pick(PRODUCTS);
    rows.push([String(firstId + i), String(1 + random.int(clients)), path.slice(-14, -4), (product.price * (0.8 + 0.4 * random.next())).toFixed(2), product.name]);
  }
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, csvText(['id_achat', 'id_client', 'date_achat', 'montant', 'produit'], rows));
}
