/**
 * A new user's first five minutes, in a fresh copy of the repository (the
 * files git tracks or would track, nothing built or installed): the README's
 * first set-up line must end with the dashboard answering, a second start
 * must reuse the lake, and the `npm pack` tarball installed into a temporary
 * prefix must run `--version` and `demo` from an unrelated folder. `npm ci`
 * and the install use the npm cache, so only a cold cache needs the registry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../support/cli.ts';
import { expectDashboardServed, startDemo } from '../support/demo.ts';
import { freePort } from '../support/serve.ts';

const MINUTES = 60_000;
/** Temporary directories removed at the end (the copy holds a full node_modules). */
const scratch: string[] = [];

function scratchDir(prefix: string): string {
  const dir = tempDir(prefix);
  scratch.push(dir);
  return dir;
}

/** The README's first set-up line: the first ```bash block under "## Set up". */
function readmeFirstLine(readme: string): string {
  const block = /## Set up[\s\S]*?```bash\n([^\n]+)\n```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ```bash block under "## Set up"');
  return block.trim();
}

/** What `git clone` of the working tree would give, including changes not committed yet. */
function freshCopy(): string {
  const copy = join(scratchDir('electrolake-clone-'), 'electrolake');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '');
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(REPO, file), join(copy, file), { dereference: false, errorOnExist: false, force: true });
  }
  return copy;
}

/** The environment of a user with no services configured: the demo must need none. */
function userEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  for (const name of ['LAKE_URI', 'MONGO_URI', 'SPARK_REMOTE', 'HOST', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'MLFLOW_TRACKING_URI', 'NODE_OPTIONS', 'VITEST']) {
    delete env[name];
  }
  return env;
}

describe('the first five minutes', () => {
  let copy: string;
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

  beforeAll(() => {
    copy = freshCopy();
  });

  it('the README\'s first line ends with the dashboard answering; Ctrl-C stops it; a second start reuses the lake', async () => {
    const line = readmeFirstLine(readme);
    expect(line).toBe('npm ci && npx electrolake demo');
    const first = await startDemo(line, { cwd: copy, env: userEnv(await freePort()), timeoutMs: 20 * MINUTES });
    try {
      await expectDashboardServed(first.url);
      for (const step of ['generate', 'run', 'check', 'train', 'publish', 'serve']) {
        expect(first.output()).toMatch(new RegExp(`^\\[ *\\d+\\.\\d s\\] ${step} .*\\(\\d+\\.\\d s\\)$`, 'm'));
      }
      expect(first.output()).toMatch(/check +(\d+)\/\1 checks passed/); // every check passed
    } finally {
      // bash and npx die of the SIGINT they got too, as in a terminal; electrolake stops cleanly.
      const exit = await first.interrupt();
      expect([0, 130, 'SIGINT'], first.output()).toContain(exit.signal ?? exit.code);
    }
    expect(first.output()).toMatch(/SIGINT: finishing requests in flight, then stopping\nstopped\n/);

    const second = await startDemo('npx electrolake demo', { cwd: copy, env: userEnv(await freePort()), timeoutMs: 5 * MINUTES });
    try {
      await expectDashboardServed(second.url);
      expect(second.output()).toMatch(/sources +reusing data\/sources/);
      expect(second.output()).toMatch(/run +reusing the lake data\/lake: run \S+ as of \d{4}-\d{2}-\d{2}/);
      expect(second.output()).toMatch(/train +reusing predictor btyd/);
      expect(second.output()).toMatch(/publish +reusing the embedded store/);
      expect(second.output()).not.toMatch(/^\[ *\d+\.\d s\] (generate|run|train|publish) .*\(\d+\.\d s\)$/m);
    } finally {
      const exit = await second.interrupt();
      expect([0, 130, 'SIGINT'], second.output()).toContain(exit.signal ?? exit.code);
    }
    expect(second.output()).toMatch(/stopped\n/);
  }, 30 * MINUTES);

  it('the npm pack tarball installs into a prefix and runs --version and demo from any folder', async () => {
    // The README test has run `npm ci` in the copy; run alone (-t), this test does it.
    if (!existsSync(join(copy, 'node_modules'))) {
      const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, encoding: 'utf8', timeout: 15 * MINUTES });
      expect(ci.status, ci.stderr).toBe(0);
    }
    const packDir = scratchDir('electrolake-pack-');
    const packed = spawnSync('npm', ['pack', '--pack-destination', packDir], { cwd: copy, encoding: 'utf8', timeout: 15 * MINUTES });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(packDir).find((f) => /^electrolake-\d+\.\d+\.\d+\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const listing = execFileSync('tar', ['tzf', join(packDir, tarball ?? '')], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/cli/main.js');
    expect(listing).toContain('package/web/dist/index.html');
    expect(listing.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.mts'))).toEqual([]);
    expect(listing.filter((f) => /^package\/(src|test|node_modules)\//.test(f))).toEqual([]);

    const prefix = scratchDir('electrolake-prefix-');
    const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(packDir, tarball ?? '')], {
      encoding: 'utf8',
      timeout: 15 * MINUTES,
    });
    expect(installed.status, installed.stderr).toBe(0);
    const modules = readdirSync(join(prefix, 'lib/node_modules/electrolake/node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild']) expect(modules).not.toContain(devOnly);

    const bin = join(prefix, 'bin/electrolake');
    const elsewhere = scratchDir('electrolake-user-');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(bin, ['--version'], { cwd: elsewhere, encoding: 'utf8' }).trim()).toBe(pkg.version);

    const demo = await startDemo(`"${bin}" demo`, { cwd: elsewhere, env: userEnv(await freePort()), timeoutMs: 10 * MINUTES });
    try {
      await expectDashboardServed(demo.url);
      expect(demo.output()).toMatch(/generate .* → data\/sources/);
      expect(demo.output()).not.toMatch(/dashboard not built/);
    } finally {
      // The installed bin is the only process: its own exit status after Ctrl-C is 0.
      expect(await demo.interrupt(), demo.output()).toEqual({ code: 0, signal: null });
    }
    expect(demo.output()).toMatch(/SIGINT: finishing requests in flight, then stopping\nstopped\n/);
    expect(readdirSync(join(elsewhere, 'data'))).toEqual(expect.arrayContaining(['sources', 'lake']));
  }, 45 * MINUTES);

  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });
});
