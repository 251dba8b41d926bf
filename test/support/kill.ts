import { cliAsync } from './cli.ts';

/**
 * Starts `electrolake <args>` and kills it with SIGKILL (no chance to clean
 * up) as soon as its stderr matches `marker`; resolves with the stderr seen.
 * Fails if the command ends on its own first.
 */
export async function killCliAt(args: string[], marker: RegExp, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = cliAsync(args, { env });
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (marker.test(seen)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`electrolake ${args[0]} ended before ${marker}: ${seen}`)));
  });
}
