import type { RunManifest } from '../pipeline/manifest.ts';

/** A short, readable summary of a run on stdout; the full detail is in the manifest. */
export function printRunSummary(m: RunManifest): void {
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en');
  const lines = [`run ${m.run_id} ${m.status} on ${m.engine} in ${m.timings_s['total']}s (as_of ${m.as_of})`];
  for (const name of ['clients', 'achats']) {
    const r = m.reconciliation[name];
    if (r === undefined) continue;
    lines.push(
      `  ${name.padEnd(8)} bronze ${n(r.bronze)} = silver ${n(r.silver)} + quarantine ${n(r.quarantine)} + duplicates ${n(r.duplicates)}${r.updated > 0 ? ` + updated ${n(r.updated)}` : ''} ${r.ok ? '✓' : '✗ MISMATCH'}`,
    );
    const reasons = Object.entries(m.quarantine_by_reason[name] ?? {}).filter(([, c]) => c > 0);
    if (reasons.length > 0) lines.push(`           quarantine: ${reasons.map(([k, c]) => `${k} ${n(c)}`).join(', ')}`);
    const repairs = Object.entries(m.repairs[name] ?? {}).filter(([, c]) => c > 0);
    if (repairs.length > 0) lines.push(`           repaired:   ${repairs.map(([k, c]) => `${k} ${n(c)}`).join(', ')}`);
  }
  lines.push(`  gold: ${Object.keys(m.stages.gold).length} tables; timings ${JSON.stringify(m.timings_s)}`);
  lines.push(`  manifest: ${m.lake}/_runs/${m.run_id}.json`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
