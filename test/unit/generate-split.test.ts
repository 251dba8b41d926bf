import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSources } from '../../src/generate/generate.ts';

async function dataRows(dir: string, prefix: string): Promise<{ files: string[]; rows: string[] }> {
  const files = (await readdir(dir)).filter((f) => f.startsWith(prefix)).sort();
  const rows: string[] = [];
  for (const f of files) rows.push(...(await readFile(join(dir, f), 'utf8')).trim().split('\n').slice(1));
  return { files, rows };
}

describe('generate --days-per-file', () => {
  it('writes the same rows as one file, split by day into dated files', async () => {
    const whole = await mkdtemp(join(tmpdir(), 'gen-whole-'));
    const split = await mkdtemp(join(tmpdir(), 'gen-split-'));
    await generateSources({ scale: 0.05, seed: 7, dirty: 0.05, out: whole });
    await generateSources({ scale: 0.05, seed: 7, dirty: 0.05, out: split, daysPerFile: 400 });
    for (const prefix of ['clients', 'achats']) {
      const one = await dataRows(whole, prefix);
      const many = await dataRows(split, prefix);
      expect(one.files).toEqual([`${prefix}.csv`]);
      expect(many.files.length).toBeGreaterThan(4);
      for (const f of many.files) expect(f).toMatch(new RegExp(`^${prefix}_\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      expect([...many.rows].sort()).toEqual([...one.rows].sort());
    }
    // A purchase lands in a file no earlier than its client's (both dated by the generator's true day).
    const clientFile = new Map<string, string>();
    for (const f of (await readdir(split)).filter((n) => n.startsWith('clients_'))) {
      for (const line of (await readFile(join(split, f), 'utf8')).trim().split('\n').slice(1)) clientFile.set(line.split(',')[0] ?? '', f.slice(8, 18));
    }
    let checked = 0;
    for (const f of (await readdir(split)).filter((n) => n.startsWith('achats_'))) {
      for (const line of (await readFile(join(split, f), 'utf8')).trim().split('\n').slice(1)) {
        const registered = clientFile.get(line.split(',')[1] ?? '');
        if (registered === undefined) continue; // an injected unknown client
        expect(registered <= f.slice(7, 17)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
