import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler, Next } from 'hono';

/**
 * The dashboard hook: when `web/dist` (the built dashboard) exists, `/` and
 * its assets are served from it, and a browser navigating to a dashboard
 * route (Accept: text/html) gets its index.html. Otherwise `/` lists the
 * endpoints as JSON. Checked per request, so building the dashboard while
 * the server runs is enough.
 */
export const DEFAULT_STATIC_DIR = resolve(import.meta.dirname, '../../web/dist');

export function dashboard(dir: string | null) {
  let files: MiddlewareHandler | undefined;
  const built = () => dir !== null && existsSync(join(dir, 'index.html'));
  const index = async (c: Context) => c.html(await readFile(join(dir ?? '', 'index.html'), 'utf8'));
  return {
    built,
    index,
    /** For paths no API route matched: a dashboard file, the dashboard's index for a browser, else the next handler (404). */
    assets: async (c: Context, next: Next) => {
      if (!built() || dir === null) return next();
      files ??= serveStatic({ root: dir });
      const served: unknown = await files(c, async () => {});
      if (served instanceof Response) {
        served.headers.set('Cache-Control', cachePolicy(c.req.path));
        return served;
      }
      if ((c.req.header('accept') ?? '').includes('text/html')) return index(c);
      return next();
    },
  };
}

/**
 * Vite names the files under `assets/` by content hash, so a browser may keep
 * them for good; everything else (index.html) is checked again each time so a
 * new build shows at once.
 */
function cachePolicy(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}
