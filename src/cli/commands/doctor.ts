import { AppError, firstLine } from '../../core/errors.ts';
import { VERSION } from '../../core/version.ts';
import { configuredServices, type ServiceProbe } from '../doctor/services.ts';
import { effectiveSettings, formatSettings } from '../doctor/settings.ts';

/**
 * `electrolake doctor`: the effective configuration (secrets hidden), then
 * each configured backing service asked for its version at once, with a
 * one-line fix for each that does not answer. Exits 0 only when every
 * configured service answers.
 */
export default async function doctor(options: { timeout: number }): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`electrolake ${VERSION} on Node.js ${process.versions.node} (${process.platform}-${process.arch})`);
  out('configuration (flags override these):');
  for (const line of formatSettings(effectiveSettings())) out(line);

  const { probes, unconfigured } = configuredServices();
  out('services:');
  const results = await Promise.all(probes.map((probe) => ask(probe, options.timeout)));
  for (const r of results) {
    out(r.ok ? `  ✓ ${r.probe.name.padEnd(13)} ${r.probe.target} answers: ${r.detail}` : `  ✗ ${r.probe.name.padEnd(13)} ${r.probe.target} does not answer: ${r.detail}`);
    if (!r.ok) out(`    fix: ${r.probe.fix}`);
  }
  for (const u of unconfigured) out(`  - ${u.name.padEnd(13)} not configured (${u.instead})`);

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    throw new AppError('UNAVAILABLE', `${failed.length} configured service(s) do not answer: ${failed.map((r) => r.probe.name).join(', ')}`);
  }
  out(probes.length === 0 ? 'no backing service configured: everything runs embedded' : `all ${probes.length} configured service(s) answer`);
}

async function ask(probe: ServiceProbe, timeoutMs: number): Promise<{ probe: ServiceProbe; ok: boolean; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return { probe, ok: true, detail: await Promise.race([probe.version(timeoutMs), timeout]) };
  } catch (error) {
    return { probe, ok: false, detail: firstLine(error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
  }
}
