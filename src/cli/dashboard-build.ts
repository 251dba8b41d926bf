import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_STATIC_DIR } from '../api/static.ts';
import { AppError } from '../core/errors.ts';
import { stopwatch } from '../core/stopwatch.ts';

/** The package root: two levels up from src/cli (a checkout) and dist/cli (installed). */
const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Makes sure the dashboard bundle exists before serving. The package ships it
 * built and `npm ci` builds it (the `prepare` script), so this only runs in a
 * checkout installed without scripts or after `web/dist` was deleted: it then
 * builds it once with Vite, saying so, rather than serving JSON at `/`.
 */
export async function ensureDashboard(log: (line: string) => void): Promise<void> {
  if (existsSync(join(DEFAULT_STATIC_DIR, 'index.html'))) return;
  const vite = viteBin();
  if (!existsSync(join(ROOT, 'web/index.html')) || vite === undefined) {
    log('dashboard not built and cannot be built here (no web/ sources or Vite): reinstall the package');
    return;
  }
  const watch = stopwatch();
  log('dashboard not built yet: building it once with Vite (web/ → web/dist)…');
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, [vite, 'build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (status) => done(status));
    child.once('error', () => done(null));
  });
  if (code !== 0) throw new AppError('IO', `building the dashboard failed (vite build web exited ${code}): run \`npm run build:web\` to see why`);
  log(`dashboard built in ${watch.text()}`);
}

function viteBin(): string | undefined {
  try {
    return join(dirname(createRequire(join(ROOT, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    return undefined;
  }
}
