import { randomBytes } from 'node:crypto';
import { normalize, sep } from 'node:path';
import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import { EXPERIMENTS, finiteMetrics, type RunRecord, type RunStatus, type Tracker } from './tracker.ts';

/**
 * Runs kept as readable documents when there is no MLflow server, written
 * through the `Lake` (so they live beside the lake's data, local or on S3):
 * `<root>/<experiment>/<run_id>/run.json` (the same record `listRuns`
 * returns) with the artifacts beside it in `artifacts/`. Default root:
 * `_models/runs` in the lake. Each change rewrites run.json atomically.
 * Artifacts are text (CSV, JSON, SVG): a document store holds text.
 */
export class LocalTracker implements Tracker {
  readonly kind = 'local' as const;
  private readonly experiments = new Map<string, string>();

  /** Where runs are, for messages: `<lake>/<root>`. */
  readonly location: string;

  constructor(
    private readonly lake: Lake,
    private readonly root: string,
  ) {
    this.location = root === '.' ? lake.uri : `${lake.uri.replace(/\/+$/, '')}/${root}`;
  }

  async startRun(experiment: string, runName: string): Promise<string> {
    const now = new Date();
    const runId = `${now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(4).toString('hex')}`;
    this.experiments.set(runId, experiment);
    await this.write({
      run_id: runId, experiment, run_name: runName, status: 'RUNNING', start_time: now.toISOString(), end_time: null,
      params: {}, metrics: {}, tags: {},
    });
    return runId;
  }

  async logParams(runId: string, params: Record<string, string | number>): Promise<void> {
    await this.update(runId, (run) => Object.assign(run.params, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))));
  }

  async logMetrics(runId: string, metrics: Record<string, number>): Promise<void> {
    await this.update(runId, (run) => Object.assign(run.metrics, finiteMetrics(metrics)));
  }

  async setTags(runId: string, tags: Record<string, string>): Promise<void> {
    await this.update(runId, (run) => Object.assign(run.tags, tags));
  }

  async logArtifact(runId: string, path: string, content: string | Uint8Array): Promise<void> {
    const text = typeof content === 'string' ? content : decodeText(content, path);
    await this.lake.writeText(this.artifactKey(runId, await this.experimentOf(runId), path), text);
  }

  async endRun(runId: string, status: Exclude<RunStatus, 'RUNNING'> = 'FINISHED'): Promise<void> {
    await this.update(runId, (run) => {
      run.status = status;
      run.end_time = new Date().toISOString();
    });
  }

  async listRuns(options: { experiment?: string | undefined; limit?: number | undefined } = {}): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    for (const experiment of options.experiment === undefined ? EXPERIMENTS : [options.experiment]) {
      const ids = (await this.lake.listKeys(`${this.root}/${experiment}`)).map(lastPart);
      const found: RunRecord[] = [];
      for (const id of ids) {
        const run = await this.read(experiment, id).catch(() => undefined);
        if (run !== undefined) found.push(run);
      }
      found.sort((a, b) => b.start_time.localeCompare(a.start_time));
      runs.push(...found.slice(0, options.limit ?? 100));
    }
    return runs.sort((a, b) => b.start_time.localeCompare(a.start_time));
  }

  async listArtifacts(runId: string): Promise<string[]> {
    const root = `${this.root}/${await this.experimentOf(runId)}/${runId}/artifacts`;
    const files: string[] = [];
    // A key with keys under it is a folder; the others are artifacts.
    const walk = async (prefix: string): Promise<void> => {
      for (const key of await this.lake.listKeys(prefix)) {
        const children = await this.lake.listKeys(key);
        if (children.length > 0) await walk(key);
        else files.push(key.slice(root.length + 1));
      }
    };
    await walk(root);
    return files.sort();
  }

  async readArtifact(runId: string, path: string): Promise<Uint8Array> {
    const text = await this.lake.readText(this.artifactKey(runId, await this.experimentOf(runId), path));
    if (text === undefined) throw new AppError('NOT_FOUND', `no artifact ${path} in run ${runId}`);
    return new TextEncoder().encode(text);
  }

  /** A key inside the run's artifacts (never outside it). */
  private artifactKey(runId: string, experiment: string, path: string): string {
    const clean = normalize(path);
    if (clean.startsWith('..') || clean.startsWith(sep)) throw new AppError('BAD_INPUT', `artifact path ${path} leaves the run`);
    return `${this.root}/${experiment}/${runId}/artifacts/${clean.split(sep).join('/')}`;
  }

  private async experimentOf(runId: string): Promise<string> {
    const known = this.experiments.get(runId);
    if (known !== undefined) return known;
    for (const experiment of (await this.lake.listKeys(this.root)).map(lastPart)) {
      if ((await this.lake.listKeys(`${this.root}/${experiment}`)).map(lastPart).includes(runId)) {
        this.experiments.set(runId, experiment);
        return experiment;
      }
    }
    throw new AppError('NOT_FOUND', `no run ${runId} in ${this.location}`);
  }

  private async read(experiment: string, runId: string): Promise<RunRecord> {
    const run = await this.lake.readJson<RunRecord>(`${this.root}/${experiment}/${runId}/run.json`);
    if (run === undefined) throw new AppError('NOT_FOUND', `no run ${runId} in ${this.location}`);
    return run;
  }

  private async update(runId: string, change: (run: RunRecord) => void): Promise<void> {
    const run = await this.read(await this.experimentOf(runId), runId);
    change(run);
    await this.write(run);
  }

  private async write(run: RunRecord): Promise<void> {
    await this.lake.writeJson(`${this.root}/${run.experiment}/${run.run_id}/run.json`, run);
  }
}

function lastPart(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

function decodeText(content: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new AppError('BAD_INPUT', `artifact ${path} is not UTF-8 text: local runs keep text artifacts only`);
  }
}
