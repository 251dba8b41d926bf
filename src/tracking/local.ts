import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { AppError } from '../core/errors.ts';
import { EXPERIMENTS, finiteMetrics, type RunRecord, type RunStatus, type Tracker } from './tracker.ts';

/**
 * Runs kept as readable files when there is no MLflow server:
 * `<root>/<experiment>/<run_id>/run.json` (the same record `listRuns`
 * returns) with the artifacts beside it in `artifacts/`. Default root:
 * `<lake>/_models/runs`. Each change rewrites run.json atomically.
 */
export class LocalTracker implements Tracker {
  readonly kind = 'local' as const;
  private readonly experiments = new Map<string, string>();

  constructor(readonly location: string) {}

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
    const target = this.artifactFile(runId, await this.experimentOf(runId), path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
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
      const ids = await readdir(join(this.location, experiment)).catch(() => [] as string[]);
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
    const root = join(this.location, await this.experimentOf(runId), runId, 'artifacts');
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
  }

  async readArtifact(runId: string, path: string): Promise<Uint8Array> {
    const file = this.artifactFile(runId, await this.experimentOf(runId), path);
    try {
      return new Uint8Array(await readFile(file));
    } catch {
      throw new AppError('NOT_FOUND', `no artifact ${path} in run ${runId}`);
    }
  }

  /** A path inside the run's artifacts directory (never outside it). */
  private artifactFile(runId: string, experiment: string, path: string): string {
    const clean = normalize(path);
    if (clean.startsWith('..') || clean.startsWith(sep)) throw new AppError('BAD_INPUT', `artifact path ${path} leaves the run`);
    return join(this.location, experiment, runId, 'artifacts', clean);
  }

  private async experimentOf(runId: string): Promise<string> {
    const known = this.experiments.get(runId);
    if (known !== undefined) return known;
    for (const experiment of await readdir(this.location).catch(() => [] as string[])) {
      if ((await readdir(join(this.location, experiment)).catch(() => [] as string[])).includes(runId)) {
        this.experiments.set(runId, experiment);
        return experiment;
      }
    }
    throw new AppError('NOT_FOUND', `no run ${runId} in ${this.location}`);
  }

  private async read(experiment: string, runId: string): Promise<RunRecord> {
    return JSON.parse(await readFile(join(this.location, experiment, runId, 'run.json'), 'utf8')) as RunRecord;
  }

  private async update(runId: string, change: (run: RunRecord) => void): Promise<void> {
    const run = await this.read(await this.experimentOf(runId), runId);
    change(run);
    await this.write(run);
  }

  private async write(run: RunRecord): Promise<void> {
    const file = join(this.location, run.experiment, run.run_id, 'run.json');
    await mkdir(dirname(file), { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    await writeFile(temp, `${JSON.stringify(run, null, 2)}\n`);
    await rename(temp, file);
  }
}
