import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distIsFresh, sourceStamp, STAMP_FILE } from '../../bin/source-stamp.mjs';
import { tempDir } from '../support/cli.ts';

/** A src/ of two files and a dist/ stamped from it, as scripts/build-dist.mjs leaves them. */
function builtTree(): { src: string; dist: string } {
  const root = tempDir('electrolake-stamp-');
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  mkdirSync(join(src, 'cli'), { recursive: true });
  mkdirSync(dist);
  writeFileSync(join(src, 'cli', 'main.ts'), 'export {};\n');
  writeFileSync(join(src, 'schema.proto'), 'syntax = "proto3";\n');
  writeFileSync(join(dist, STAMP_FILE), JSON.stringify(sourceStamp(src)));
  return { src, dist };
}

describe('a checkout runs dist/ only while it is a build of src/ as it is', () => {
  it('is fresh right after the build', () => {
    const { src, dist } = builtTree();
    expect(distIsFresh(src, dist)).toBe(true);
  });

  it('is stale after an edit, a new file or a deleted file', () => {
    const edited = builtTree();
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(edited.src, 'cli', 'main.ts'), later, later);
    expect(distIsFresh(edited.src, edited.dist)).toBe(false);

    const added = builtTree();
    writeFileSync(join(added.src, 'cli', 'flags.ts'), 'export {};\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(added.src, 'cli', 'flags.ts'), past, past); // older than the build, still a change
    expect(distIsFresh(added.src, added.dist)).toBe(false);

    const deleted = builtTree();
    rmSync(join(deleted.src, 'schema.proto'));
    expect(distIsFresh(deleted.src, deleted.dist)).toBe(false);
  });

  it('is stale with no build or an unreadable stamp', () => {
    const { src, dist } = builtTree();
    writeFileSync(join(dist, STAMP_FILE), 'not json');
    expect(distIsFresh(src, dist)).toBe(false);
    rmSync(dist, { recursive: true });
    expect(distIsFresh(src, dist)).toBe(false);
  });

  it('the repository build stamps dist/ from src/ (npm ci runs it)', () => {
    const root = resolve(import.meta.dirname, '../..');
    const built = spawnSync(process.execPath, ['scripts/build-dist.mjs'], { cwd: root, encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(distIsFresh(join(root, 'src'), join(root, 'dist'))).toBe(true);
    const version = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
