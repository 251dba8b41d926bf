/** The predictors `electrolake train` and `run` can choose (a module of its own so the CLI can list them without loading a model). */
export const MODEL_NAMES = ['heuristic', 'btyd'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
