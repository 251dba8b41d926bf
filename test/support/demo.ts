import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';

export interface RunningDemo {
  /** The dashboard URL `electrolake demo` printed. */
  url: string;
  output: () => string;
  /**
   * Ctrl-C as a terminal sends it (SIGINT to the whole process group), then
   * waits for the exit. Wrappers (bash, npx) die of the signal as usual;
   * `electrolake` itself must say `stopped`.
   */
  interrupt: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a shell command that ends in `electrolake demo` (npm, npx and node
 * in between) in its own process group, and waits until it prints the
 * dashboard's URL.
 */
export async function startDemo(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunningDemo> {
  const child: ChildProcess = spawn('bash', ['-c', command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })));
  const interrupt = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
    return exited;
  };
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const url = /^Dashboard: (http:\/\/\S+?)\/? /m.exec(output)?.[1];
    if (url !== undefined) return { url, output: () => output, interrupt };
    if (child.exitCode !== null) throw new Error(`\`${command}\` exited with ${child.exitCode} before serving:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await interrupt();
  throw new Error(`\`${command}\` printed no dashboard URL within ${options.timeoutMs} ms:\n${output}`);
}

/** `/` answers the dashboard's HTML and `/kpis` the published figures. */
export async function expectDashboardServed(url: string): Promise<void> {
  const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toMatch(/<html lang="fr">/);
  expect(html).toMatch(/<script [^>]*src="\.?\/assets\/index-[^"]+\.js"/);
  const kpis = await fetch(`${url}/kpis`);
  expect(kpis.status).toBe(200);
  const body = (await kpis.json()) as { data: { n_clients_acheteurs: number; ca_total: number; as_of: string } };
  expect(body.data.n_clients_acheteurs).toBeGreaterThan(5_000);
  expect(body.data.ca_total).toBeGreaterThan(0);
  expect(body.data.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}
