import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { killCliAt } from '../support/kill.ts';

/** A fingerprint of every file of a lake layer. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    out[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  }
  return out;
}

describe('a run killed half way leaves the previous lake whole', () => {
  const dir = tempDir();
  const lake = join(dir, 'lake');
  const first = join(dir, 'first');
  const second = join(dir, 'second');

  it('keeps the previous gold, silver and manifest after a kill in gold', async () => {
    expect(cli(['generate', '--scale', '0.3', '--seed', '1', '--out', first]).status).toBe(0);
    expect(cli(['generate', '--scale', '0.5', '--seed', '2', '--dirty', '0.05', '--out', second]).status).toBe(0);
    expect(cli(['run', '--sources', first, '--lake', lake]).status).toBe(0);
    const gold = fingerprint(join(lake, 'gold'));
    const silver = fingerprint(join(lake, 'silver'));
    const latest = readFileSync(join(lake, '_runs/latest.json'), 'utf8');

    // Small sources, and a commit that could not finish before the kill lands whatever the load (each write waits 1 s).
    const progress = await killCliAt(['run', '--sources', second, '--lake', lake], /gold {4}client_features/, { ELECTROLAKE_SLOW_COMMIT_MS: '1000' });
    expect(progress).toMatch(/silver {2}achats/);

    expect(fingerprint(join(lake, 'gold'))).toEqual(gold);
    expect(fingerprint(join(lake, 'silver'))).toEqual(silver);
    expect(readFileSync(join(lake, '_runs/latest.json'), 'utf8')).toBe(latest);
    const check = cli(['check', '--lake', lake]);
    expect(check.status, check.stdout).toBe(0);
  });

  it('runs again over the leftovers of the killed run, and clears them', () => {
    // The killed run's version is left beside the current snapshot's…
    expect(readdirSync(join(lake, 'versions'))).toHaveLength(2);
    const run = cli(['run', '--sources', second, '--lake', lake]);
    // …and removed by the next lock holder: only the two snapshots remain.
    const history = JSON.parse(cli(['history', '--lake', lake, '--json']).stdout) as { run_id: string }[];
    expect(readdirSync(join(lake, 'versions')).sort()).toEqual(history.map((h) => h.run_id).sort());
    expect(run.status, run.stderr).toBe(0);
    expect(cli(['check', '--lake', lake]).status).toBe(0);
  });
});
