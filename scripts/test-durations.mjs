// Prints the test files of the last `npm test` by duration, slowest first,
// from vitest's JSON reports (one per phase of scripts/test.sh, or the one
// of a plain `npx vitest run`): where CI time goes.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';
/* global console */

const phases = ['test-artifacts/vitest-report-local.json', 'test-artifacts/vitest-report-services.json'].filter((path) => existsSync(path));
const reports = (phases.length > 0 ? phases : ['test-artifacts/vitest-report.json']).map((path) => JSON.parse(readFileSync(path, 'utf8')));
const files = reports.flatMap((report) => report.testResults).map((file) => ({
  name: relative(process.cwd(), file.name),
  seconds: (file.endTime - file.startTime) / 1000,
  tests: file.assertionResults.length,
}));
files.sort((a, b) => b.seconds - a.seconds);
const total = files.reduce((sum, file) => sum + file.seconds, 0);
for (const file of files) {
  console.log(`${file.seconds.toFixed(1).padStart(8)} s  ${String(file.tests).padStart(4)} tests  ${file.name}`);
}
console.log(`${total.toFixed(1).padStart(8)} s  in ${files.length} files`);
