import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/**
 * The code that trained a model, for run tags: the short git commit (with
 * `+dirty` when the tree has uncommitted changes) when the code is a git
 * checkout with git installed, else the package version (`0.1.0`).
 */
export async function codeVersion(): Promise<string> {
  const cwd = new URL('../..', import.meta.url);
  try {
    const run = promisify(execFile);
    const { stdout: commit } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd, timeout: 5_000 });
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, timeout: 5_000 });
    return `${commit.trim()}${status.trim() === '' ? '' : '+dirty'}`;
  } catch {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  }
}
