import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, lakeUri, settings } from '../../core/config.ts';
import { AppError } from '../../core/errors.ts';
import { generateSources } from '../../generate/generate.ts';
import type { Lake } from '../../lake/lake.ts';
import { openLake } from '../../lake/open.ts';
import { PREDICTOR_KEY, type PredictorChoice } from '../../models/registry.ts';
import { LATEST_RUN_KEY, type RunManifest } from '../../pipeline/manifest.ts';
import { openStore } from '../../serving/open.ts';
import { checkLake } from './check.ts';
import { publishToStore } from './publish.ts';
import { runLake } from './run.ts';
import { startServer } from './serve.ts';
import { trainPredictor } from './train.ts';
import { stopwatch } from '../../core/stopwatch.ts';

export interface DemoOptions {
  sources?: string;
  lake?: string;
  port?: number;
  host?: string;
}

/** The sample the demo generates when there are no sources: 10,000 clients, 2 % dirty rows (as the README's main job). */
const SAMPLE = { scale: 1, seed: 42, dirty: 0.02 } as const;
const DEMO_ENGINE = DEFAULTS.engine;

/**
 * `electrolake demo`: from nothing to the dashboard in one command. Each step
 * is the one its own command runs (generate, run, check, train, publish,
 * serve) and prints one line with its time; what already exists (sources, a
 * lake with a good run, a trained predictor, an up-to-date publication) is
 * reused and said so. Serves until Ctrl-C.
 */
export default async function demo(flags: DemoOptions): Promise<void> {
  const options = { ...flags, sources: settings({ sources: flags.sources }).sources };
  const started = stopwatch();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const step = async <T>(name: string, work: () => Promise<T>, outcome: (result: T) => string): Promise<T> => {
    const t = stopwatch();
    const result = await work();
    say(`[${started.text().padStart(7)}] ${name.padEnd(8)} ${outcome(result)} (${t.text()})`);
    return result;
  };
  const lakeRoot = lakeUri(options.lake);
  const quiet = () => {};

  if (hasSources(options.sources)) {
    say(`[${started.text().padStart(7)}] sources  reusing ${options.sources} (delete it for a new sample)`);
  } else {
    await step('generate', () => generateSources({ ...SAMPLE, out: options.sources }), (s) =>
      `${s.clients.toLocaleString('en')} clients, ${s.achats.toLocaleString('en')} purchases (${SAMPLE.dirty * 100} % dirty rows) → ${options.sources}`);
  }

  const lake = await openLake({ lake: lakeRoot, sources: options.sources });
  const previous = await lake.readJson<RunManifest>(LATEST_RUN_KEY);
  const trained = await lake.readJson<PredictorChoice>(PREDICTOR_KEY);
  let latest: RunManifest;
  if (previous !== undefined) {
    latest = previous;
    say(`[${started.text().padStart(7)}] run      reusing the lake ${lake.uri}: run ${previous.run_id} as of ${previous.as_of} (\`electrolake run\` rebuilds it)`);
  } else {
    // The first run scores with the predictor `train` records next, so the
    // scores served match the model the dashboard's Modèles page shows.
    latest = await step('run', () => runLake({ sources: options.sources, lake: lakeRoot, engine: DEMO_ENGINE, model: trained?.model ?? 'btyd' }, quiet), (m) =>
      `bronze → silver → gold in ${lake.uri}: ${rows(m, 'clients')} clients, ${rows(m, 'achats')} purchases, as of ${m.as_of}`);
  }

  await step('check', () => checkLake({ lake: lakeRoot, engine: DEMO_ENGINE }), (report) => {
    if (!report.ok) {
      const failed = report.results.filter((r) => !r.ok).map((r) => r.name);
      throw new AppError('CHECK_FAILED', `${report.failed} check(s) failed on ${lake.uri}: ${failed.join(', ')} (electrolake check for details)`);
    }
    return `${report.passed}/${report.results.length} checks passed`;
  });

  if (trained !== undefined) {
    say(`[${started.text().padStart(7)}] train    reusing predictor ${trained.model} trained on ${trained.trained_at.slice(0, 10)} (\`electrolake train\` retrains it)`);
  } else {
    await step('train', () => trainPredictor({ lake: lakeRoot, engine: DEMO_ENGINE, model: 'btyd' }, quiet), ({ result, tracker }) =>
      `btyd predictor fitted on ${result.clients.toLocaleString('en')} clients as of ${result.asOf}, tracked in ${tracker.kind === 'mlflow' ? 'MLflow' : 'local files'} at ${tracker.location}`);
  }

  if (await publishedRun(lake) === latest.run_id) {
    say(`[${started.text().padStart(7)}] publish  reusing the embedded store: it serves run ${latest.run_id}`);
  } else {
    await step('publish', () => publishToStore({ lake: lakeRoot, store: 'embedded' }, quiet), (report) =>
      `${report.tables.length} tables, ${report.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en')} rows → ${report.target}`);
  }

  const server = await step('serve', () => startServer({
    lake: lakeRoot, store: 'embedded', port: options.port, host: options.host, quiet: true,
    // Generated demo data, no real client: served without tokens, also from a container (HOST=0.0.0.0); serve warns.
    auth: false,
  }), () =>
    'API and dashboard listening');
  say(`\nDashboard: ${browserUrl(server.url)}/   (API: ${browserUrl(server.url)}/openapi.json; Ctrl-C stops it)`);
  await server.untilStopped();
}

function hasSources(dir: string): boolean {
  return existsSync(join(dir, 'clients.csv')) && existsSync(join(dir, 'achats.csv'));
}

/** The run id the embedded store serves, or null when nothing is published. */
async function publishedRun(lake: Lake): Promise<string | null> {
  const store = await openStore({ lake, store: 'embedded' });
  try {
    const info = await store.info().catch(() => undefined);
    return info?.published_at ? info.run_id : null;
  } finally {
    await store.close();
  }
}

function rows(m: RunManifest, source: string): string {
  return (m.reconciliation[source]?.silver ?? 0).toLocaleString('en');
}

/** A listener on every interface (a container) is opened in a browser through localhost. */
function browserUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//localhost:').replace('//[::]:', '//localhost:');
}
