import { z } from 'zod';
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
 * `model` is the predictor of a `predictor` run, the run name otherwise.
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
    const runs = await tracker.listRuns({ experiment: query.experiment, limit: query.limit });
    const data = runs.map((r) => ({ ...r, model: r.experiment === 'predictor' ? (r.tags['model'] ?? r.run_name) : r.run_name }));
    return {
      data,
      meta: { query_ms: elapsedMs(started), count: data.length, as_of: data[0]?.tags['as_of'] ?? null, source: tracker.location, tracker: tracker.kind },
    };
  },
});
