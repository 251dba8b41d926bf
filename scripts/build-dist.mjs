// Compiles src/ to JavaScript in dist/ (the npm package runs it, and so does
// a checkout whose dist/ is fresh: bin/source-stamp.mjs), copies the files
// beside the sources that are not TypeScript (Spark Connect's .proto files),
// so dist/ mirrors src/, and stamps what it was built from.
//
// Each file is transpiled on its own (TypeScript's transpileModule, with the
// options of tsconfig.build.json): a few seconds instead of the half minute
// a type-checking build takes. Types are checked by `npm run typecheck`,
// which `npm test` runs.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import ts from 'typescript';
import { sourceStamp, STAMP_FILE } from '../bin/source-stamp.mjs';

const SRC = 'src';
const DIST = 'dist';

const config = ts.getParsedCommandLineOfConfigFile('tsconfig.build.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
if (!config || config.errors.length > 0) fail(config?.errors[0]);
const stamp = sourceStamp(SRC);

rmSync(DIST, { recursive: true, force: true });
for (const file of config.fileNames) {
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    // A lone file cannot see package.json's "type": "module": say ES modules.
    compilerOptions: { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    reportDiagnostics: true,
  });
  if (diagnostics?.length) fail(diagnostics[0]);
  const out = join(DIST, relative(SRC, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, outputText);
}
cpSync(SRC, DIST, { recursive: true, filter: (path) => !path.endsWith('.ts') });
writeFileSync(join(DIST, STAMP_FILE), `${JSON.stringify(stamp)}\n`);

function fail(diagnostic) {
  const text = diagnostic ? ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') : 'cannot read tsconfig.build.json';
  process.stderr.write(`build-dist: ${text}\n`);
  process.exit(1);
}
