import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RefreshNotice } from '../../src/ingest/notify.ts';
import type { IngestedFile, Registry } from '../../src/ingest/registry.ts';
import { BIN, REPO } from './cli.ts';

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The registry of a local lake as it is on disk now (empty before the first ingest). */
export function localRegistry(lake: string): Registry {
  const path = join(lake, '_ingest/registry.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Registry) : { files: [] };
}

/** The registry's entries for one landing file name. */
export const registeredFiles = (lake: string, name: string): IngestedFile[] => localRegistry(lake).files.filter((f) => f.name === name);

/** A webhook receiver on a free port: every POSTed refresh notice, in order. */
export async function noticeHook(): Promise<{ url: string; notices: RefreshNotice[]; close: () => void }> {
  const notices: RefreshNotice[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      notices.push(JSON.parse(body) as RefreshNotice);
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, notices, close: () => server.close() };
}

/** An `electrolake watch` child and what it has said so far on stderr. */
export class WatchProcess {
  private said = '';

  private constructor(readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.said += chunk.toString()));
  }

  static start(args: string[], env: NodeJS.ProcessEnv = {}): WatchProcess {
    return new WatchProcess(spawn(process.execPath, [BIN, 'watch', ...args], {
      cwd: REPO, env: { ...process.env, MONGO_URI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    }));
  }

  get output(): string {
    return this.said;
  }

  /** How many refreshes went through to the end (publish ok). */
  refreshes(): number {
    return this.said.split('refresh publish ok').length - 1;
  }

  /** SIGTERM, as a service manager stops it: resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = once(this.child, 'exit') as Promise<[number | null]>;
    this.child.kill('SIGTERM');
    return (await exited)[0];
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
