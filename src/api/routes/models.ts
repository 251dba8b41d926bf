import { resolve } from 'node:path';
import { z } from 'zod';
import { PREDICTOR_KEY, type PredictorChoice } from '../../models/registry.ts';
import { openTracker } from '../../tracking/open.ts';
import { EXPERIMENTS } from '../../tracking/tracker.ts';
import { stopwatch } from '../../core/stopwatch.ts';
import { integer } from '../params.ts';
import { defineRoute } from '../route.ts';

/** Runs read from the tracker before keeping this lake's: enough for any lake's recent history. */
const SCANNED_RUNS = 1_000;

/** Whether a run's `lake` tag names the served lake (local paths compared resolved). */
function sameLake(tag: string | undefined, uri: string): boolean {
  if (tag === undefined) return false;
  return uri.startsWith('s3://') ? tag === uri : resolve(tag) === resolve(uri);
}

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * The tracked training runs for the dashboard's Modèles page (`electrolake
 * train`): from MLflow when it is configured or answers on its default
 * address, else from the lake's local runs (the same choice as the CLI).
 * A tracking server holds the runs of every lake trained against it: only
 * the runs tagged with the served lake are listed. `model` is the predictor
 * of a `predictor` run, the run name otherwise; `chosen` is true for the one
 * run whose predictor the lake scores with (`_models/predictor.json`).
 */
export const models = defineRoute({
  path: '/models',
  tag: 'models',
  summary: "The served lake's tracked model runs (predictor and advisor experiments): parameters, metrics, tags; most recent first",
  query: z.strictObject({
    experiment: z.enum(EXPERIMENTS, { error: `expected ${EXPERIMENTS.join(' or ')}` }).optional().describe('only this experiment'),
    limit: integer(1, 500).default(50).describe('most recent runs per experiment'),
  }),
  errors: [400, 503],
  data: {
    type: 'array',
    items: {
      type: 'object',
      required: ['run_id', 'experiment', 'model', 'run_name', 'status', 'start_time', 'end_time', 'params', 'metrics', 'tags'],
      properties: {
        run_id: { type: 'string' },
        experiment: { type: 'string', enum: [...EXPERIMENTS] },
        model: { type: 'string' },
        chosen: { type: 'boolean', description: 'the predictor run the served lake scores with (at most one)' },
        run_name: { type: 'string' },
        status: { type: 'string', enum: ['RUNNING', 'FINISHED', 'FAILED'] },
        start_time: { type: 'string', format: 'date-time' },
        end_time: { type: ['string', 'null'], format: 'date-time' },
        params: stringMap,
        metrics: { type: 'object', additionalProperties: { type: 'number' } },
        tags: { ...stringMap, description: 'engine, as_of, scale, code_version, model, chosen, … (not the lake: every run shown is of the served lake)' },
      },
    },
  },
  meta: { tracker: { type: 'string', description: '`mlflow` or `local`' } },
  async handle({ query }, { lake }) {
    const watch = stopwatch();
    const { tracker } = await openTracker(lake);
    // A tracking server holds the runs of every lake: only this lake's are
    // shown (runs are tagged with the lake they were trained on).
    const [all, choice] = await Promise.all([
      tracker.listRuns({ experiment: query.experiment, limit: SCANNED_RUNS }),
      lake?.readJson<PredictorChoice>(PREDICTOR_KEY).catch(() => undefined),
    ]);
    const runs = all.filter((r) => lake !== undefined && sameLake(r.tags['lake'], lake.uri)).slice(0, query.limit);
    const data = runs.map(({ tags: { lake: _lake, ...tags }, ...r }) => ({
      ...r,
      tags,
      model: r.experiment === 'predictor' ? (tags['model'] ?? r.run_name) : r.run_name,
      chosen: choice?.run_id === r.run_id,
    }));
    return {
      data,
      meta: { query_ms: watch.ms(), count: data.length, as_of: data[0]?.tags['as_of'] ?? null, source: `tracker:${tracker.kind}`, tracker: tracker.kind },
    };
  },
});
