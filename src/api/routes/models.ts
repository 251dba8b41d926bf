import { resolve } from 'node:path';
import { z } from 'zod';
import type { Lake } from '../../lake/lake.ts';
import { PREDICTOR_KEY, type PredictorChoice } from '../../models/registry.ts';
import { openTracker } from '../../tracking/open.ts';
import { EXPERIMENTS } from '../../tracking/tracker.ts';
import { elapsedMs } from '../envelope.ts';
import { integer } from '../params.ts';
import { defineRoute } from '../route.ts';

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
  summary: 'Tracked model runs (predictor and advisor experiments): parameters, metrics, tags; most recent first',
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
        tags: { ...stringMap, description: 'engine, as_of, scale, code_version, lake, model, chosen, …' },
      },
    },
  },
  meta: { tracker: { type: 'string', description: '`mlflow` or `local`' } },
  async handle({ query }, { lake }) {
    const started = performance.now();
    const { tracker } = await openTracker(lake);
    const [runs, choice] = await Promise.all([
      tracker.listRuns({ experiment: query.experiment, limit: query.limit }),
      lake?.readJson<PredictorChoice>(PREDICTOR_KEY).catch(() => undefined),
    ]);
    const data = runs
      .filter((r) => !lake || sameLake(r.tags['lake'], lake))
      .map((r) => ({
        ...r,
        model: r.experiment === 'predictor' ? (r.tags['model'] ?? r.run_name) : r.run_name,
        chosen: choice?.run_id === r.run_id,
      }));
    return {
      data,
      meta: { query_ms: elapsedMs(started), count: data.length, as_of: data[0]?.tags['as_of'] ?? null, source: tracker.location, tracker: tracker.kind },
    };
  },
});

/** Whether a run's `lake` tag names the served lake: the same URI, or the same directory however it was written. */
function sameLake(tag: string | undefined, lake: Lake): boolean {
  if (tag === undefined) return false;
  if (tag === lake.uri) return true;
  return lake.kind === 'local' && !tag.includes('://') && resolve(tag) === resolve(lake.uri);
}
