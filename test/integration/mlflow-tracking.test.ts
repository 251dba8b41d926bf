/**
 * Tracking against a real MLflow server (scripts/services/mlflow.sh, or
 * MLFLOW_TRACKING_URI): runs, parameters, metrics, tags and artifacts land
 * and read back through MLflow's own REST API; `electrolake train` records
 * predictor and advisor runs there; without a server, runs are kept as
 * local files that `electrolake runs` lists. Nothing is mocked or skipped.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models } from '../../src/api/routes/models.ts';
import { LocalLake } from '../../src/lake/local/lake.ts';
import { MlflowTracker } from '../../src/tracking/mlflow.ts';
import { openTracker } from '../../src/tracking/open.ts';
import type { Tracker } from '../../src/tracking/tracker.ts';
import { cli, tempDir } from '../support/cli.ts';
import { MLFLOW_TRACKING_URI, startHint } from '../support/services.ts';

const URI = MLFLOW_TRACKING_URI.replace(/\/+$/, '');
const JSON_HEADERS = { 'content-type': 'application/json' };

/** MLflow's REST API, read directly (not through our client) to check what landed. */
async function rest<T>(path: string, body?: unknown): Promise<T> {
  const send = () =>
    fetch(`${URI}/api/2.0/mlflow/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      signal: AbortSignal.timeout(10_000),
      ...(body === undefined ? {} : { headers: JSON_HEADERS, body: JSON.stringify(body) }),
    });
  // uvicorn drops keep-alive connections idle for 5 s: a request racing that close is sent again.
  const response = await send().catch(send);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface RestRun {
  info: { run_id: string; status: string; run_name: string; artifact_uri: string };
  data: { params?: { key: string; value: string }[]; metrics?: { key: string; value: number }[]; tags?: { key: string; value: string }[] };
}
const pairs = <V>(list?: { key: string; value: V }[]) => Object.fromEntries((list ?? []).map((e) => [e.key, e.value]));

/** A small generated lake, run once for the CLI tests. */
function generatedLake(): { dir: string; lake: string } {
  const dir = tempDir('electrolake-mlflow-');
  const sources = join(dir, 'sources');
  const lake = join(dir, 'lake');
  const generated = cli(['generate', '--scale', '0.5', '--seed', '11', '--out', sources]);
  expect(generated.status, generated.stderr).toBe(0);
  const run = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
  expect(run.status, run.stderr).toBe(0);
  return { dir, lake };
}

beforeAll(async () => {
  try {
    await rest('experiments/search?max_results=1');
  } catch (error) {
    throw new Error(`MLflow at ${URI} did not answer: ${String(error)}\n  start it with: ${startHint('mlflow')}`, { cause: error });
  }
});

describe('MlflowTracker on a real server', () => {
  const experiment = `electrolake-test-${randomUUID().slice(0, 8)}`;
  const tracker: Tracker = new MlflowTracker(URI);
  let runId = '';

  afterAll(async () => {
    const found = await rest<{ experiment?: { experiment_id: string } }>(`experiments/get-by-name?experiment_name=${experiment}`).catch(() => undefined);
    if (found?.experiment) await rest('experiments/delete', { experiment_id: found.experiment.experiment_id });
  });

  it('creates the experiment and records params, metrics (finite only), tags and a finished status', async () => {
    runId = await tracker.startRun(experiment, 'btyd');
    await tracker.setTags(runId, { engine: 'duckdb v1.5.6', as_of: '2025-12-31', scale: '10000', code_version: 'abc1234' });
    await tracker.logParams(runId, { model: 'btyd', r: 0.84, alpha: 621.7, variant: 'mbg' });
    await tracker.logMetrics(runId, { backtest_auc: 0.76, backtest_brier: 0.124, broken: Number.NaN, huge: Number.POSITIVE_INFINITY });
    await tracker.endRun(runId);

    const { run } = await rest<{ run: RestRun }>(`runs/get?run_id=${runId}`);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.run_name).toBe('btyd');
    expect(pairs(run.data.params)).toEqual({ model: 'btyd', r: '0.84', alpha: '621.7', variant: 'mbg' });
    expect(pairs(run.data.metrics)).toEqual({ backtest_auc: 0.76, backtest_brier: 0.124 });
    expect(pairs(run.data.tags)).toMatchObject({ engine: 'duckdb v1.5.6', as_of: '2025-12-31', scale: '10000', code_version: 'abc1234' });
  });

  it('uploads text and binary artifacts through the server and reads them back', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>';
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await tracker.logArtifact(runId, 'backtest/calibration.svg', svg);
    await tracker.logArtifact(runId, 'model/params.bin', bytes);
    const listed = await rest<{ files: { path: string }[] }>(`artifacts/list?run_id=${runId}&path=backtest`);
    expect(listed.files.map((f) => f.path)).toEqual(['backtest/calibration.svg']);
    expect(await tracker.listArtifacts(runId)).toEqual(['backtest/calibration.svg', 'model/params.bin']);
    expect(Buffer.from(await tracker.readArtifact(runId, 'backtest/calibration.svg')).toString('utf8')).toBe(svg);
    expect(await tracker.readArtifact(runId, 'model/params.bin')).toEqual(bytes);
  });

  it('lists the run with its data, and nothing for an experiment that does not exist', async () => {
    const runs = await tracker.listRuns({ experiment });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run_id: runId, experiment, run_name: 'btyd', status: 'FINISHED', metrics: { backtest_auc: 0.76 } });
    expect(runs[0]?.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await tracker.listRuns({ experiment: `${experiment}-missing` })).toEqual([]);
  });
});

describe('electrolake train with MLflow', () => {
  let lake = '';
  beforeAll(() => {
    lake = generatedLake().lake;
  });

  it('records predictor runs for both models and an advisor run, readable back through the REST API', async () => {
    const train = cli(['train', '--lake', lake, '--model', 'btyd', '--backtest'], { env: { MLFLOW_TRACKING_URI: URI } });
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).toContain(`tracking: MLflow at ${URI} (MLFLOW_TRACKING_URI)`);
    const ids = Object.fromEntries([...train.stdout.matchAll(/^run (\w+)\/(.+?): (\w+)$/gm)].map((m) => [`${m[1]}/${m[2]}`, m[3] ?? '']));
    expect(Object.keys(ids).sort()).toEqual(['advisor/contact list by btyd', 'predictor/btyd', 'predictor/heuristic']);

    const { run } = await rest<{ run: RestRun }>(`runs/get?run_id=${ids['predictor/btyd']}`);
    expect(run.info.status).toBe('FINISHED');
    const params = pairs(run.data.params);
    expect(params).toMatchObject({ model: 'btyd', variant: 'mbg', time_unit: 'day', horizon_days: '365' });
    for (const name of ['r', 'alpha', 'a', 'b', 'population_spend']) expect(Number(params[name]), name).toBeGreaterThan(0);
    expect(['gamma_gamma', 'mean_repeat_spend']).toContain(params['spend_model']);
    const metrics = pairs(run.data.metrics);
    for (const name of ['backtest_auc', 'backtest_brier', 'backtest_value_rel_error', 'backtest_capture_top10', 'bgnbd_log_likelihood']) {
      expect(Number.isFinite(metrics[name]), name).toBe(true);
    }
    const tags = pairs(run.data.tags);
    expect(tags).toMatchObject({ engine: expect.stringMatching(/^duckdb /), as_of: '2025-12-31', scale: '5000', model: 'btyd', chosen: 'true' });
    expect(tags['code_version']).toMatch(/^[0-9a-f]{7,}(\+dirty)?$/);

    const tracker = new MlflowTracker(URI);
    const artifacts = await tracker.listArtifacts(run.info.run_id);
    expect(artifacts).toEqual(['backtest/calibration.csv', 'backtest/calibration.svg', 'backtest/table.csv', 'model/params.json']);
    const svg = Buffer.from(await tracker.readArtifact(run.info.run_id, 'backtest/calibration.svg')).toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Calibration of prob_reachat_12m');
    const fitted = JSON.parse(Buffer.from(await tracker.readArtifact(run.info.run_id, 'model/params.json')).toString('utf8')) as {
      params: Record<string, number>;
    };
    expect(fitted.params['r']).toBeCloseTo(Number(params['r']), 10);

    const advisor = await rest<{ run: RestRun }>(`runs/get?run_id=${ids['advisor/contact list by btyd']}`);
    const advisorMetrics = pairs(advisor.run.data.metrics);
    expect(Object.keys(advisorMetrics)).toEqual(expect.arrayContaining(['backtest_capture_top10', 'backtest_capture_top20', 'clients VIP']));
    expect(await tracker.listArtifacts(advisor.run.info.run_id)).toContain('contact_list_top100.csv');

    // The lake remembers the choice, so `run` scores with btyd from now on.
    const choice = JSON.parse(readFileSync(join(lake, '_models/predictor.json'), 'utf8')) as { model: string; run_id: string; tracker: string };
    expect(choice).toMatchObject({ model: 'btyd', run_id: ids['predictor/btyd'], tracker: `mlflow ${URI}` });
  });

  it('lists the runs from MLflow (`electrolake runs`, and /models for the dashboard)', async () => {
    const listed = cli(['runs', '--lake', lake, '--experiment', 'predictor', '--json'], { env: { MLFLOW_TRACKING_URI: URI } });
    expect(listed.status, listed.stderr).toBe(0);
    const body = JSON.parse(listed.stdout) as { tracker: { kind: string }; runs: { experiment: string; tags: Record<string, string> }[] };
    expect(body.tracker.kind).toBe('mlflow');
    expect(body.runs.length).toBeGreaterThanOrEqual(2);
    expect(body.runs.every((r) => r.experiment === 'predictor')).toBe(true);

    process.env['MLFLOW_TRACKING_URI'] = URI;
    try {
      const answer = await models.handle({ query: { limit: 50 }, params: {} }, { lake: new LocalLake(lake, ''), store: undefined as never });
      const data = answer.data as { run_id: string; model: string; experiment: string; chosen: boolean }[];
      expect(answer.meta).toMatchObject({ tracker: 'mlflow', source: 'tracker:mlflow' }); // never the server's URL
      expect(data.length).toBeGreaterThan(0);
      expect(data.some((r) => r.experiment === 'predictor' && r.model === 'btyd')).toBe(true);
      // The tracking server is shared: only this lake's runs, and one chosen predictor, the one the lake scores with.
      const choice = JSON.parse(readFileSync(join(lake, '_models/predictor.json'), 'utf8')) as { run_id: string };
      expect(data.filter((r) => r.chosen).map((r) => r.run_id)).toEqual([choice.run_id]);
      // Another lake on the same server sees none of them.
      const other = await models.handle({ query: { limit: 50 }, params: {} }, { lake: new LocalLake(join(tempDir('electrolake-other-'), 'lake'), ''), store: undefined as never });
      expect((other.data as { run_id: string }[]).filter((r) => data.some((d) => d.run_id === r.run_id))).toEqual([]);
    } finally {
      delete process.env['MLFLOW_TRACKING_URI'];
    }
  });
});

describe('without an MLflow server', () => {
  it('keeps runs as readable local files in the lake, listed by `electrolake runs`', async () => {
    const { lake } = generatedLake();
    // A port nobody listens on: the default address does not answer.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const opened = await openTracker(new LocalLake(lake, ''), { defaultUri: `http://127.0.0.1:${port}` });
    expect(opened.tracker.kind).toBe('local');
    expect(opened.why).toContain(`no MLflow at http://127.0.0.1:${port}`);
    expect(opened.tracker.location).toBe(join(lake, '_models/runs'));

    // The CLI, told to keep runs in a directory (as MLflow clients understand a file: URI).
    const runs = join(lake, '_models/runs');
    const train = cli(['train', '--lake', lake, '--model', 'heuristic'], { env: { MLFLOW_TRACKING_URI: `file://${runs}` } });
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).toContain(`tracking: local files in ${runs}`);
    const runId = /^run predictor\/heuristic: (\S+)$/m.exec(train.stdout)?.[1] ?? '';
    const record = JSON.parse(readFileSync(join(runs, 'predictor', runId, 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ run_id: runId, experiment: 'predictor', status: 'FINISHED', params: { model: 'heuristic', base_rate: '0.02' } });
    expect(existsSync(join(runs, 'predictor', runId, 'artifacts/model/params.json'))).toBe(true);

    const listedByDefault = await opened.tracker.listRuns();
    expect(listedByDefault.map((r) => r.experiment).sort()).toEqual(['advisor', 'predictor']);
    const listed = cli(['runs', '--lake', lake], { env: { MLFLOW_TRACKING_URI: `file://${runs}` } });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`runs from local files in ${runs}`);
    expect(listed.stdout).toMatch(new RegExp(`predictor +heuristic +FINISHED +${runId}`));
  });
});
