import { AppError } from '../core/errors.ts';
import { EXPERIMENTS, finiteMetrics, type RunRecord, type RunStatus, type Tracker } from './tracker.ts';

/** MLflow's per-request limits for runs/log-batch. */
const BATCH = { metrics: 1000, params: 100, tags: 100 } as const;
const TIMEOUT_MS = 15_000;

interface MlflowRun {
  info: { run_id: string; run_name?: string; experiment_id: string; status: RunStatus; start_time?: number | string; end_time?: number | string; artifact_uri?: string };
  data?: { metrics?: { key: string; value: number }[]; params?: { key: string; value: string }[]; tags?: { key: string; value: string }[] };
}

/**
 * An MLflow tracking server through its REST API 2.0 (no Python client):
 * experiments by name (created on first use), runs, one log-batch per call,
 * and artifacts uploaded through the server's artifact proxy
 * (`mlflow server --serve-artifacts`, the default since MLflow 2), so the
 * client needs no access to the artifact store itself.
 */
export class MlflowTracker implements Tracker {
  readonly kind = 'mlflow' as const;
  private readonly experimentIds = new Map<string, string>();
  private readonly artifactRoots = new Map<string, string>();

  constructor(readonly location: string) {}

  async startRun(experiment: string, runName: string): Promise<string> {
    const experimentId = await this.experimentId(experiment, true);
    const body = await this.call<{ run: MlflowRun }>('POST', 'runs/create', {
      experiment_id: experimentId,
      run_name: runName,
      start_time: Date.now(),
      tags: [{ key: 'mlflow.runName', value: runName }],
    });
    this.artifactRoots.set(body.run.info.run_id, artifactPath(body.run.info.artifact_uri ?? '', this.location));
    return body.run.info.run_id;
  }

  async logParams(runId: string, params: Record<string, string | number>): Promise<void> {
    await this.logBatch(runId, 'params', Object.entries(params).map(([key, value]) => ({ key, value: String(value) })));
  }

  async logMetrics(runId: string, metrics: Record<string, number>): Promise<void> {
    const timestamp = Date.now();
    await this.logBatch(runId, 'metrics', Object.entries(finiteMetrics(metrics)).map(([key, value]) => ({ key, value, timestamp, step: 0 })));
  }

  async setTags(runId: string, tags: Record<string, string>): Promise<void> {
    await this.logBatch(runId, 'tags', Object.entries(tags).map(([key, value]) => ({ key, value })));
  }

  async logArtifact(runId: string, path: string, content: string | Uint8Array): Promise<void> {
    const url = await this.artifactUrl(runId, path);
    const body = typeof content === 'string' ? content : new Uint8Array(content);
    await this.request('PUT', url, { body, headers: { 'content-type': 'application/octet-stream' } });
  }

  async endRun(runId: string, status: Exclude<RunStatus, 'RUNNING'> = 'FINISHED'): Promise<void> {
    await this.call('POST', 'runs/update', { run_id: runId, status, end_time: Date.now() });
  }

  async listRuns(options: { experiment?: string | undefined; limit?: number | undefined } = {}): Promise<RunRecord[]> {
    const names = options.experiment === undefined ? [...EXPERIMENTS] : [options.experiment];
    const ids = new Map<string, string>();
    for (const name of names) {
      const id = await this.experimentId(name, false);
      if (id !== undefined) ids.set(id, name);
    }
    if (ids.size === 0) return [];
    const runs: RunRecord[] = [];
    for (const [id, name] of ids) {
      const body = await this.call<{ runs?: MlflowRun[] }>('POST', 'runs/search', {
        experiment_ids: [id],
        max_results: options.limit ?? 100,
        order_by: ['attributes.start_time DESC'],
      });
      for (const run of body.runs ?? []) runs.push(toRecord(run, name));
    }
    return runs.sort((a, b) => b.start_time.localeCompare(a.start_time));
  }

  async listArtifacts(runId: string): Promise<string[]> {
    const files: string[] = [];
    const walk = async (path: string): Promise<void> => {
      const query = `run_id=${encodeURIComponent(runId)}${path ? `&path=${encodeURIComponent(path)}` : ''}`;
      const body = await this.call<{ files?: { path: string; is_dir?: boolean }[] }>('GET', `artifacts/list?${query}`);
      for (const file of body.files ?? []) {
        if (file.is_dir) await walk(file.path);
        else files.push(file.path);
      }
    };
    await walk('');
    return files.sort();
  }

  async readArtifact(runId: string, path: string): Promise<Uint8Array> {
    const url = await this.artifactUrl(runId, path);
    return new Uint8Array(await (await this.request('GET', url)).arrayBuffer());
  }

  /** One `runs/log-batch` call per MLflow limit's worth of `field` entries. */
  private async logBatch(runId: string, field: keyof typeof BATCH, list: unknown[]): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH[field]) {
      await this.call('POST', 'runs/log-batch', { run_id: runId, [field]: list.slice(i, i + BATCH[field]) });
    }
  }

  /** A run's artifact on the server's artifact proxy. */
  private async artifactUrl(runId: string, path: string): Promise<string> {
    return `${this.location}/api/2.0/mlflow-artifacts/artifacts/${await this.artifactRoot(runId)}/${encodePath(path)}`;
  }

  /** The experiment's id; created (or restored from MLflow's trash) when `create` is set. */
  private async experimentId(name: string, create: true): Promise<string>;
  private async experimentId(name: string, create: false): Promise<string | undefined>;
  private async experimentId(name: string, create: boolean): Promise<string | undefined> {
    const known = this.experimentIds.get(name);
    if (known !== undefined) return known;
    const found = await this.call<{ experiment?: { experiment_id: string; lifecycle_stage?: string } }>(
      'GET',
      `experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`,
      undefined,
      true,
    );
    let id = found?.experiment?.experiment_id;
    if (id !== undefined && found?.experiment?.lifecycle_stage === 'deleted') {
      if (!create) return undefined;
      await this.call('POST', 'experiments/restore', { experiment_id: id });
    }
    if (id === undefined) {
      if (!create) return undefined;
      id = (await this.call<{ experiment_id: string }>('POST', 'experiments/create', { name })).experiment_id;
    }
    this.experimentIds.set(name, id);
    return id;
  }

  private async artifactRoot(runId: string): Promise<string> {
    let root = this.artifactRoots.get(runId);
    if (root === undefined) {
      const body = await this.call<{ run: MlflowRun }>('GET', `runs/get?run_id=${encodeURIComponent(runId)}`);
      root = artifactPath(body.run.info.artifact_uri ?? '', this.location);
      this.artifactRoots.set(runId, root);
    }
    return root;
  }

  /** One REST call under /api/2.0/mlflow/; `missingOk` turns RESOURCE_DOES_NOT_EXIST into undefined. */
  private async call<T>(method: 'GET' | 'POST', endpoint: string, body?: unknown, missingOk = false): Promise<T> {
    const url = `${this.location}/api/2.0/mlflow/${endpoint}`;
    const init: RequestInit = body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const response = await this.request(method, url, init, missingOk);
    if (response.status === 404 && missingOk) return undefined as T;
    return (await response.json()) as T;
  }

  private async request(method: string, url: string, init: RequestInit = {}, missingOk = false): Promise<Response> {
    let response: Response;
    try {
      response = await fetchOnce(url, { ...init, method }).catch((error: unknown) => {
        // The server (uvicorn) closes keep-alive connections idle for 5 s; a
        // request sent on one just as it closes fails before it is read, so
        // it is sent again once on a fresh connection.
        if (!isStaleConnection(error)) throw error;
        return fetchOnce(url, { ...init, method });
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new AppError('UNAVAILABLE', `MLflow at ${this.location} did not answer: ${reason}`, { cause: error });
    }
    if (response.ok || (response.status === 404 && missingOk)) return response;
    const text = await response.text();
    let message = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { error_code?: string; message?: string };
      message = `${parsed.error_code ?? ''} ${parsed.message ?? ''}`.trim();
    } catch {
      // Not JSON (an HTML error page): the start of the text says enough.
    }
    throw new AppError('UNAVAILABLE', `MLflow ${method} ${new URL(url).pathname}: HTTP ${response.status} ${message}`);
  }
}

function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
}

function isStaleConnection(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/**
 * The path of a run's artifacts on the server's artifact proxy, from its
 * artifact URI (`mlflow-artifacts:/1/<run>/artifacts`, or with a host).
 * Any other scheme (s3://, a local path) means the server does not proxy
 * artifacts, and we cannot upload without the store's own credentials.
 */
function artifactPath(uri: string, location: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]+)?\/(.*)$/.exec(uri);
  if (match === null) {
    throw new AppError(
      'UNAVAILABLE',
      `MLflow at ${location} stores artifacts at ${uri || '(none)'}, not through its proxy: start it with --serve-artifacts`,
    );
  }
  return (match[1] ?? '').replace(/\/$/, '');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toRecord(run: MlflowRun, experiment: string): RunRecord {
  const pairs = <V>(list: { key: string; value: V }[] | undefined) => Object.fromEntries((list ?? []).map((e) => [e.key, e.value]));
  const time = (value: number | string | undefined) => (value === undefined ? null : new Date(Number(value)).toISOString());
  return {
    run_id: run.info.run_id,
    experiment,
    run_name: run.info.run_name ?? '',
    status: run.info.status,
    start_time: time(run.info.start_time) ?? '',
    end_time: time(run.info.end_time),
    params: pairs(run.data?.params),
    metrics: pairs(run.data?.metrics),
    tags: Object.fromEntries(Object.entries(pairs(run.data?.tags)).filter(([key]) => !key.startsWith('mlflow.'))),
  };
}
