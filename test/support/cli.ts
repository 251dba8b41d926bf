import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const REPO = resolve(import.meta.dirname, '../..');
export const BIN = join(REPO, 'bin/electrolake.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `electrolake` command line in a child process. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `electrolake`, expects exit 0 (the command and its stderr say why not), and gives stdout then stderr. */
export function cliOk(args: string[], options: Parameters<typeof cli>[1] = {}): string {
  const r = cli(args, options);
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return `${r.stdout}${r.stderr}`;
}

/** Starts `electrolake` without waiting, for tests that interrupt it. */
export function cliAsync(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'electrolake-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
