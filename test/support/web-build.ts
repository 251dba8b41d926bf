import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.ts';
import { stopwatch } from '../../src/core/stopwatch.ts';

const WEB = join(REPO, 'web');
export const WEB_DIST = join(WEB, 'dist');

/**
 * Builds the dashboard (`vite build web` → web/dist) when the bundle is
 * missing or older than any of its sources, so browser tests never run
 * against a stale or absent build and nobody has to remember a manual step.
 */
export function ensureWebBuild(): { built: boolean; seconds: number } {
  const index = join(WEB_DIST, 'index.html');
  const sources = [join(WEB, 'index.html'), join(WEB, 'vite.config.ts'), ...files(join(WEB, 'src'))];
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (builtAt > 0 && sources.every((f) => statSync(f).mtimeMs <= builtAt)) return { built: false, seconds: 0 };
  const watch = stopwatch();
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`vite build web failed:\n${result.stderr || result.stdout}`);
  return { built: true, seconds: watch.seconds() };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}
