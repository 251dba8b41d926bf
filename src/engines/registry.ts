import { ENGINE_NAMES, settings, type EngineName } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Engine } from './engine.ts';

/**
 * Opens an engine by name (default: the configured engine, see core/config.ts). Implementations are imported lazily so the
 * embedded default never loads gRPC, and the pipeline never imports either.
 */
export async function openEngine(name: string | undefined, options: { sparkRemote?: string | undefined } = {}): Promise<Engine> {
  const engine = settings({ engine: name as EngineName | undefined }).engine;
  switch (engine) {
    case 'duckdb': {
      const { DuckDbEngine } = await import('./duckdb/engine.ts');
      return DuckDbEngine.create();
    }
    case 'spark': {
      const { createSparkEngine } = await import('./spark/engine.ts');
      return createSparkEngine({ remote: options.sparkRemote });
    }
    default:
      throw new AppError('BAD_INPUT', `unknown engine '${String(engine)}' (expected ${ENGINE_NAMES.join(' or ')})`);
  }
}
