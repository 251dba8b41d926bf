import { Command, Option } from 'commander';
import { DEFAULT_ENGINE, DEFAULT_SOURCES, ENGINE_NAMES } from '../core/defaults.ts';
import { ROLES } from '../auth/roles.ts';
import { MODEL_NAMES } from '../models/names.ts';
import { toAppError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import {
  benchEngineName, collect, integer, isoDate, isoDateOrTime, lazy, list, nonNegativeNumber, port, positiveInteger, positiveNumber, rate,
} from './flags.ts';


/**
 * The `electrolake` command line (README.md, "Command line"). Each command's code is loaded
 * only when it runs, so `electrolake generate` never loads DuckDB, gRPC or
 * the HTTP server.
 */
const program = new Command('electrolake')
  .description('Retail analytics lake: bronze/silver/gold Parquet, customer scores, API and dashboard')
  .version(VERSION)
  .exitOverride((error) => process.exit(error.exitCode));

program
  .command('demo')
  .description('one command to the dashboard: generate sample sources if none, run, check, train, publish (embedded), serve on PORT')
  .option('--sources <dir>', `source CSV directory (a sample is generated there when empty; default ${DEFAULT_SOURCES})`)
  .addOption(new Option('--lake <dir>', 'lake root (default LAKE_URI or data/lake)'))
  .option('--port <n>', 'port (default PORT or 5000)', port)
  .option('--host <address>', 'address to listen on (default HOST or 127.0.0.1)')
  .action(lazy(() => import('./commands/demo.ts')));

program
  .command('doctor')
  .description('print the effective configuration and whether each configured service (Spark, S3, MongoDB, MLflow) answers')
  .option('--timeout <ms>', 'how long each service may take to answer (Spark Connect opens a session: seconds)', integer, 10_000)
  .action(lazy(() => import('./commands/doctor.ts')));

const engineOption = () =>
  new Option('--engine <name>', `engine that runs the SQL (default: the configured engine, ${DEFAULT_ENGINE})`).choices(ENGINE_NAMES);
const modelOption = (description: string) => new Option('--model <name>', description).choices(MODEL_NAMES);
const lakeOption = () => new Option('--lake <dir|s3://…>', 'lake root (default LAKE_URI or data/lake)');
const atOption = () => new Option('--at <run_id>', 'read this snapshot instead of the current one (see `electrolake history`)');
const waitOption = () => new Option('--wait <seconds>', 'wait this long for the writer lock held by another run').argParser(nonNegativeNumber).default(0);

program
  .command('generate')
  .description('write realistic, seeded sources (clients.csv, achats.csv)')
  .option('--scale <n>', 'size: 1 = 10,000 clients', positiveNumber, 1)
  .option('--seed <s>', 'random seed', integer, 42)
  .option('--dirty <rate>', 'share of rows with an injected defect (0 to 1)', rate, 0)
  .option('--out <dir>', `output directory (default: the configured sources, ${DEFAULT_SOURCES})`)
  .option('--days-per-file <n>', 'write the history as dated files of N days each (clients_2019-01-01.csv, achats_…), as nightly exports', positiveInteger)
  .action(lazy(() => import('./commands/generate.ts')));

program
  .command('run')
  .description('run bronze → silver → gold')
  .option('--sources <dir>', `source CSV directory (default ${DEFAULT_SOURCES})`)
  .addOption(lakeOption())
  .addOption(engineOption())
  .option('--as-of <date>', 'score as of this day (YYYY-MM-DD); default: latest valid purchase', isoDate)
  .option('--run-date <date>', 'the run date: purchases after it are future_date (default: today)', isoDate)
  .addOption(modelOption('scoring model for client_scores (default: the one chosen by `train`, else heuristic)'))
  .option('--profile', 'print one line per engine call: stage, call, seconds, rows (also with DEBUG=electrolake)')
  .addOption(waitOption())
  .action(lazy(() => import('./commands/run.ts')));

program
  .command('ingest')
  .description('register each new clients*.csv / achats*.csv (also .gz) of the landing folder in the lake, as its own bronze part')
  .option('--from <dir|s3://…>', `landing folder or S3 prefix (default: the lake's sources, ${DEFAULT_SOURCES} or an S3 lake's sources layer)`)
  .addOption(lakeOption())
  .addOption(waitOption())
  .action(lazy(() => import('./commands/ingest.ts')));

program
  .command('history')
  .description("list the lake's snapshots, newest first: run id, date, as_of, rows, check status")
  .addOption(lakeOption())
  .option('--json', 'print the snapshots as JSON')
  .action(lazy(() => import('./commands/history.ts')));

program
  .command('vacuum')
  .description('delete old snapshots (never the current one) and what failed runs left')
  .addOption(lakeOption())
  .option('--keep <n>', 'snapshots to keep, the current one included', positiveInteger, 5)
  .addOption(waitOption())
  .action(lazy(() => import('./commands/vacuum.ts')));

program
  .command('check')
  .description('validate the lake: schemas, keys, ranges, references, reconciliation, totals')
  .addOption(lakeOption())
  .addOption(engineOption())
  .addOption(atOption())
  .option('--json', 'print the report as JSON')
  .action(lazy(() => import('./commands/check.ts')));

program
  .command('bench')
  .description('run each engine on the same generated sources at each scale → data/metrics/benchmark.json')
  .requiredOption('--scale <list>', 'scales, e.g. 1,10,100', list(positiveNumber))
  .option('--engines <list>', 'engines to compare: duckdb, spark, and the peers pandas, polars', list(benchEngineName), ['duckdb'])
  .option('--dirty <rate>', 'share of rows with an injected defect', rate, 0.02)
  .option('--out <file>', 'where to write the figures', 'data/metrics/benchmark.json')
  .addOption(new Option('--lake <dir|s3://…>', 'also store the figures in this lake (_metrics/benchmark.json, served by /benchmark)'))
  .option('--work-dir <dir>', 'scratch space for sources and lakes', '.cache/bench')
  .option('--ingest', "measure the nightly case instead: ingest and refresh one day's file (~5,000 purchases) into a lake of each scale (DuckDB) → data/metrics/ingest-benchmark.json")
  .action(lazy(() => import('./commands/bench.ts')));

const lake = program.command('lake').description('set up a lake (S3 buckets and sources)');
lake
  .command('init')
  .description("create an S3 lake's buckets (idempotent) and upload the sources (clients.csv, achats.csv)")
  .addOption(lakeOption())
  .option('--sources <dir>', `source CSV directory (default ${DEFAULT_SOURCES})`)
  .action(lazy(() => import('./commands/lake-init.ts')));

program
  .command('train')
  .description('fit the predictor, optionally backtest both models, track the runs (MLflow or local) and choose it for `run`')
  .addOption(lakeOption())
  .addOption(engineOption())
  .addOption(modelOption('predictor to fit and choose for `run`').default('btyd'))
  .option('--backtest', 'fit both models on history up to as_of − 365 days and compare with the next 12 months')
  .option('--as-of <date>', 'train as of this day (YYYY-MM-DD); default: the as_of of the last run', isoDate)
  .action(lazy(() => import('./commands/train.ts')));

program
  .command('runs')
  .description('list tracked training runs (MLflow when reachable, else the lake\'s local runs)')
  .addOption(lakeOption())
  .option('--experiment <name>', 'only this experiment (predictor or advisor)')
  .option('--limit <n>', 'most recent runs per experiment', positiveNumber, 20)
  .option('--json', 'print the runs as JSON')
  .action(lazy(() => import('./commands/runs.ts')));

const storeOptions = (command: Command): Command =>
  command
    .addOption(
      new Option('--store <kind>', 'serving store: auto = mongo when MONGO_URI is set, else embedded')
        .choices(['auto', 'embedded', 'mongo'])
        .default('auto'),
    )
    .option('--mongo-uri <uri>', 'MongoDB connection string (default MONGO_URI)')
    .option('--mongo-db <name>', 'MongoDB database (default MONGO_DB or gold_serving)');

storeOptions(
  program
    .command('publish')
    .description('publish every gold table to the serving store (MongoDB with MONGO_URI, else the embedded DuckDB file)')
    .addOption(lakeOption())
    .addOption(atOption())
    .option('--json', 'print the report as JSON')
    .option('--rollback', 'MongoDB: serve the previous publication again (a second rollback returns to the newer one)')
    .addOption(
      new Option('--seed-names <mode>', 'MongoDB: the plain names (gold_kpis…) as views or copies; auto = views where the server has them')
        .choices(['auto', 'view', 'copy'])
        .default('auto'),
    ),
).action(lazy(() => import('./commands/publish.ts')));

storeOptions(
  program
    .command('serve')
    .description('serve the HTTP API and the dashboard on PORT (default 5000)')
    .addOption(lakeOption())
    .addOption(atOption())
    .option('--port <n>', 'port (default PORT or 5000)', port)
    .option('--host <address>', 'address to listen on (default HOST or 127.0.0.1; HOST=0.0.0.0 in a container)')
    .option('--quiet', 'no request log on stderr')
    .option('--no-auth', 'ask for no token even on a non-loopback address or when tokens exist (warns at every start)')
    .option('--cors-origin <url>', 'let this origin read answers from a browser (repeatable; default: same origin only)', collect, [])
    .option('--rate-limit <n>', 'requests per second per token, 0 for none', nonNegativeNumber, 20)
    .option('--rate-burst <n>', 'requests a token may send at once', positiveNumber, 100)
    .option('--request-timeout <ms>', 'time limit of one request on the store (503 beyond it)', positiveNumber, 10_000),
).action(lazy(() => import('./commands/serve.ts')));

const refreshOptions = (command: Command): Command =>
  storeOptions(
    command
      .option('--from <dir|s3://…>', `landing folder or S3 prefix (default: the lake's sources, ${DEFAULT_SOURCES} or an S3 lake's sources layer)`)
      .addOption(lakeOption())
      .addOption(engineOption())
      .addOption(modelOption('scoring model (default: the one chosen by `train`, else heuristic)'))
      .option('--notify-url <url>', 'POST a JSON notice (Slack/Teams incoming webhook compatible) on failure and on recovery')
      .option('--verbose', 'also print every step\'s own progress')
      .addOption(waitOption()),
  );

refreshOptions(
  program.command('refresh').description('ingest → run → check → publish, stopping at the first failure (the previous publication stays served)'),
).action(lazy(() => import('./commands/refresh.ts')));

refreshOptions(
  program.command('watch').description('refresh whenever new files have finished landing (sizes stopped changing); one refresh at a time, goes on after a failure'),
)
  .option('--interval <seconds>', 'seconds between two looks at the landing (a file must keep its size, time and ETag that long)', positiveNumber, 60)
  .action(lazy(() => import('./commands/watch.ts')));

const token = program.command('token').description("the API's tokens, stored hashed in the lake (_auth/tokens.json)");
token
  .command('create')
  .description('create a token and print it once')
  .requiredOption('--name <name>', 'who or what uses it (letters, digits, . _ -)')
  .addOption(new Option('--role <role>', 'what it may see').choices(ROLES).makeOptionMandatory())
  .addOption(lakeOption())
  .action(async (options: { name: string; role: string }) => (await import('./commands/token.ts')).create(options));
token
  .command('list')
  .description('names, roles, creation and last use (never the tokens)')
  .addOption(lakeOption())
  .option('--json', 'print as JSON')
  .action(async (options: object) => (await import('./commands/token.ts')).list(options));
token
  .command('revoke')
  .description('delete a token (a running serve refuses it within a second)')
  .argument('<name>', 'the token name')
  .addOption(lakeOption())
  .action(async (name: string, options: object) => (await import('./commands/token.ts')).revoke({ ...options, name }));

program
  .command('audit')
  .description('who received personal data from the API (time, token, endpoint, clients)')
  .addOption(lakeOption())
  .option('--since <date>', 'only lines at or after this date or time (ISO, e.g. 2026-01-31)', isoDateOrTime)
  .option('--json', 'print as JSON')
  .action(lazy(() => import('./commands/audit.ts')));

program
  .command('config')
  .description('print the effective settings (flags > environment > electrolake.config.json|yaml > defaults), secrets hidden')
  .addOption(new Option('--lake <dir|s3://…>', 'lake root'))
  .addOption(new Option('--engine <name>', 'engine that runs the SQL').choices(ENGINE_NAMES))
  .option('--json', 'print the settings as JSON')
  .action(lazy(() => import('./commands/config.ts')));

program.parseAsync(process.argv).catch(async (error: unknown) => {
  const appError = toAppError(error);
  process.stderr.write(`electrolake: ${appError.message}\n`);
  if ((await debugRequested()) && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = appError.exitCode;
});

/**
 * DEBUG=electrolake; never fails, since it runs while reporting another
 * error (e.g. a bad config file). The settings load only here, on an error:
 * `--version` and `--help` stay free of their schemas.
 */
async function debugRequested(): Promise<boolean> {
  try {
    return (await import('../core/config.ts')).settings().debug;
  } catch {
    return false;
  }
}
