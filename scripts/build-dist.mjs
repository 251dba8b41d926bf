// Compiles src/ to JavaScript in dist/ (the npm package runs it, no
// TypeScript at run time) and copies the files beside the sources that are
// not TypeScript (Spark Connect's .proto files), so dist/ mirrors src/.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync('src', 'dist', { recursive: true, filter: (path) => !path.endsWith('.ts') });
