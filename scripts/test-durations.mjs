// Prints the test files of the last `npm test` by duration, slowest first,
// from vitest's JSON report (see vitest.config.ts): where CI time goes.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';
/* global console */

const report = JSON.parse(readFileSync('test-artifacts/vitest-report.json', 'utf8'));
const files = report.testResults.map((file) => ({
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
