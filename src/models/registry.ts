import { AppError } from '../core/errors.ts';
import { heuristicModel } from './heuristic.ts';
import type { ScoringModel } from './model.ts';

/** Scoring models by name (`electrolake run --model …`). */
export async function openModel(name: string): Promise<ScoringModel> {
  switch (name) {
    case 'heuristic':
      return heuristicModel;
    default:
      throw new AppError('BAD_INPUT', `unknown model '${name}' (expected heuristic)`);
  }
}
