#!/usr/bin/env node
// The installed package runs the compiled JavaScript in dist/. A checkout of
// the repository (src/ beside this file) runs the TypeScript sources through
// tsx instead, so there is no build step between a change and the command
// line, and a stale dist/ can never be run by mistake.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}

const checkout = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(checkout)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(checkout.href);
} else {
  await import('../dist/cli/main.js');
}
