import type { EngineName } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Engine } from './engine.ts';

/**
 * Opens an engine by name. Implementations are imported lazily so the
 * embedded default never loads gRPC, and the pipeline never imports either.
 */
export async function openEngine(name: string, options: { sparkRemote?: string | undefined } = {}): Promise<Engine> {
  switch (name as EngineName) {
    case 'duckdb': {
      const { DuckDbEngine } = await import('./duckdb/engine.ts');
      return DuckDbEngine.create();
    }
    case 'spark': {
      const { createSparkEngine } = await import('./spark/engine.ts');
      return createSparkEngine({ remote: options.sparkRemote });
    }
    default:
      throw new AppError('BAD_INPUT', `unknown engine '${name}' (expected duckdb or spark)`);
  }
}
