/**
 * The real storage failures of issue 13 on a small tmpfs mounted for the
 * test (the tests run as root, whom permissions do not stop, so a
 * read-only lake needs a read-only file system): a full disk at any moment
 * of a run is exit 4 with one line, leaves no empty or temporary file and
 * the current snapshot as it was; `publish` on a read-only lake says
 * read-only (exit 4).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';

const dir = tempDir('electrolake-storage-');
const disk = join(dir, 'disk');
const lake = join(disk, 'lake');
const sources = join(dir, 'sources');

function sh(command: string, ...args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
}

function filesUnder(root: string): { path: string; size: number }[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ path: join(e.parentPath, e.name), size: statSync(join(e.parentPath, e.name)).size }));
}

/** Leaves `kib` KiB free on the tmpfs (a filler file takes the rest). */
function leaveFree(kib: number): void {
  sh('rm', '-f', join(disk, 'filler'));
  const available = Number(spawnSync('df', ['-k', '--output=avail', disk], { encoding: 'utf8' }).stdout.trim().split('\n')[1]);
  if (available > kib) sh('dd', 'if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=1k', `count=${available - kib}`);
}

const currentRun = (): string => (JSON.parse(readFileSync(join(lake, '_runs/latest.json'), 'utf8')) as { run_id: string }).run_id;

beforeAll(() => {
  mkdirSync(disk);
  sh('mount', '-t', 'tmpfs', '-o', 'size=1m', 'electrolake-test', disk);
  mkdirSync(sources);
  writeFileSync(join(sources, 'clients.csv'), 'id_client,nom,email,pays,date_inscription\n1,Ana Martin,ana@exemple.fr,France,2020-01-01\n2,Bob Petit,bob@exemple.fr,Belgique,2020-02-03\n');
  writeFileSync(join(sources, 'achats.csv'), 'id_achat,id_client,date_achat,montant,produit\n1,1,2021-01-01,120.50,Four\n2,2,2021-03-04,49.90,Bouilloire\n3,1,2022-06-07,799.00,Lave-linge\n');
});

afterAll(() => {
  spawnSync('umount', [disk]);
});

describe('a lake on a storage that refuses writes', () => {
  it('a full disk at any moment of a run is exit 4, one line, no empty or temporary file, the current snapshot kept', () => {
    const first = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
    expect(first.status, first.stderr).toBe(0);
    const kept = currentRun();
    const failures: string[] = [];
    // From no room at all up to enough: the run fails in bronze, silver, gold, the commit or its record.
    for (let kib = 0; kib <= 240; kib += 20) {
      leaveFree(kib);
      const run = cli(['run', '--sources', sources, '--lake', lake, '--run-date', '2026-01-15']);
      if (run.status === 0) break;
      const errors = run.stderr.split('\n').filter((l) => l.startsWith('electrolake:'));
      expect(run.status, `${kib} KiB free: ${run.stderr}`).toBe(4);
      expect(errors, `${kib} KiB free`).toHaveLength(1);
      failures.push(errors[0]!);
      expect(currentRun()).toBe(kept);
      const left = filesUnder(lake).filter((f) => f.size === 0 || /\.tmp-/.test(f.path));
      expect(left, `${kib} KiB free: files left`).toEqual([]);
    }
    expect(failures.length).toBeGreaterThan(1);
    expect(failures.some((f) => /No space left on device|no space left on the device/.test(f))).toBe(true);
  }, 300_000);

  it('publish on a read-only lake says read-only (exit 4)', () => {
    sh('rm', '-f', join(disk, 'filler'));
    sh('mount', '-o', 'remount,ro', disk);
    try {
      const publish = cli(['publish', '--lake', lake, '--store', 'embedded']);
      expect(publish.status, publish.stderr).toBe(4);
      expect(publish.stderr.split('\n').filter((l) => l.startsWith('electrolake:'))).toEqual([
        expect.stringMatching(/cannot write the embedded store in .*serving: the file system is read-only \(EROFS\)/),
      ]);
    } finally {
      sh('mount', '-o', 'remount,rw', disk);
    }
  });
});
