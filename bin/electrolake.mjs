#!/usr/bin/env node
// The installed package runs the compiled JavaScript in dist/. A checkout of
// the repository (src/ beside this file) runs dist/ too when it was built
// from the sources as they are now (`npm ci` builds it), and the TypeScript
// sources through tsx otherwise: an edit takes effect at once, with no build
// step, and a stale dist/ is never run.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { nodeVersionProblem } from './node-version.mjs';
import { distIsFresh } from './source-stamp.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

const checkout = new URL('../src/cli/main.ts', import.meta.url);
const compiled = () => import('../dist/cli/main.js');
if (!existsSync(checkout)) {
  await compiled();
} else if (distIsFresh(fileURLToPath(new URL('../src', import.meta.url)), fileURLToPath(new URL('../dist', import.meta.url)))) {
  await compiled();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(checkout.href);
}
