/**
 * `npm run bench:startup`: how long `electrolake --version` takes to start,
 * as the installed package runs it (compiled dist/), beside bare `node -e 0`
 * and the checkout's tsx path, in one run so the machine's load weighs on all
 * three alike. Target: the installed `--version` under 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { stopwatch } from '../src/core/stopwatch.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST_MAIN = resolve(ROOT, 'dist/cli/main.js');
const RUNS = Number(process.env['RUNS'] ?? 20);

if (!existsSync(DIST_MAIN)) {
  process.stderr.write('dist/ is not built: run `npm run build:dist` first\n');
  process.exit(2);
}

const commands: [string, string[]][] = [
  ['node -e 0 (floor)', ['-e', '0']],
  ['electrolake --version (dist, as installed)', [DIST_MAIN, '--version']],
  ['electrolake --help (dist, as installed)', [DIST_MAIN, '--help']],
  ['electrolake --version (checkout, dist built)', [resolve(ROOT, 'bin/electrolake.mjs'), '--version']],
];

const samples = commands.map(() => [] as number[]);
for (let run = 0; run < RUNS; run += 1) {
  // Interleaved, so a burst of load hits every command equally.
  commands.forEach(([, args], i) => {
    const watch = stopwatch();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    samples[i]?.push(watch.ms());
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const floor = median(samples[0] ?? []);
process.stdout.write(`${RUNS} runs each, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.versions.node}\n`);
commands.forEach(([name], i) => {
  const m = median(samples[i] ?? []);
  process.stdout.write(`  ${name.padEnd(44)} median ${m.toFixed(0).padStart(5)} ms  (+${(m - floor).toFixed(0)} ms over node)\n`);
});
