import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import { heuristicModel } from './heuristic.ts';
import type { ScoringModel } from '../pipeline/scoring.ts';

import { MODEL_NAMES, type ModelName } from './names.ts';

export { MODEL_NAMES, type ModelName } from './names.ts';

/** The lake document that records the predictor chosen by `electrolake train`. */
export const PREDICTOR_KEY = '_models/predictor.json';

export interface PredictorChoice {
  model: ModelName;
  trained_at: string;
  as_of: string;
  engine: string;
  /** Where the training run was tracked: `mlflow <uri>` or `local <dir>`, and its id. */
  tracker: string;
  run_id: string;
  /** What scored at training time (differs from `model` after a fallback). */
  scored_by: string;
  params: Record<string, number | string>;
}

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** A fresh scoring model by name (`--model`); BTYD instances keep their own fit. */
export async function openModel(name: string): Promise<ScoringModel> {
  if (!isModelName(name)) throw new AppError('BAD_INPUT', `unknown model '${name}' (expected ${MODEL_NAMES.join(' or ')})`);
  if (name === 'heuristic') return heuristicModel;
  // Loaded when chosen: its optimiser library costs every other run start-up time.
  const { BtydModel } = await import('./btyd/model.ts');
  return new BtydModel();
}

/**
 * The model `run` uses: the `--model` flag, else the predictor recorded by
 * the last `electrolake train` on this lake, else the heuristic.
 */
export async function chooseModelName(
  lake: Lake,
  flag?: string,
): Promise<{ name: string; source: 'flag' | 'lake' | 'default'; why: string }> {
  if (flag !== undefined) return { name: flag, source: 'flag', why: '--model' };
  const choice = await lake.readJson<PredictorChoice>(PREDICTOR_KEY);
  if (choice !== undefined) {
    return { name: choice.model, source: 'lake', why: `chosen by electrolake train on ${choice.trained_at.slice(0, 10)}` };
  }
  return { name: 'heuristic', source: 'default', why: 'default' };
}

export async function recordPredictor(lake: Lake, choice: PredictorChoice): Promise<void> {
  await lake.writeJson(PREDICTOR_KEY, choice);
}
