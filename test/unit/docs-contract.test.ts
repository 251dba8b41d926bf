import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractPages } from '../../scripts/docs/contract.ts';
import { GOLD_TABLES } from '../../src/core/schema.ts';
import { LATEST_RUN_KEY } from '../../src/pipeline/manifest.ts';
import { ACHAT_REASONS, ACHAT_REPAIRS } from '../../src/pipeline/silver/achats.ts';
import { CLIENT_REASONS, CLIENT_REPAIRS } from '../../src/pipeline/silver/clients.ts';
import { SEGMENT_LABELS } from '../../src/pipeline/gold/segments.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(resolve(root, path), 'utf8');

/** Text files of the repository that a reader (or a comment) may point from. */
function files(dir: string): string[] {
  const skip = new Set(['node_modules', '.cache', 'data', 'dist', '.git', 'test-artifacts', '.tmp', 'proto']);
  return readdirSync(resolve(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (skip.has(name)) return [];
    if (statSync(resolve(root, path)).isDirectory()) return files(path);
    return /\.(ts|md|mjs|js|sh|yml|json|css|html)$/.test(name) || name === 'Dockerfile' ? [path] : [];
  });
}

describe('the contract in docs/contract', () => {
  it.each(Object.entries(contractPages()))('%s is what the code renders (run `npm run docs:contract`)', (path, text) => {
    expect(read(path)).toBe(text);
  });

  it('lists every gold table with each of its columns', () => {
    const page = read('docs/contract/gold-tables.md');
    for (const table of GOLD_TABLES) expect(page).toContain(`## \`${table}\``);
    expect(page).not.toMatch(/\| key \| \|/); // a column without a meaning
  });

  it('names every quarantine reason and repair kind the silver stage uses', () => {
    const page = read('docs/contract/sources.md');
    for (const code of [...ACHAT_REASONS, ...CLIENT_REASONS, ...ACHAT_REPAIRS, ...CLIENT_REPAIRS]) {
      expect(page, code).toContain(`\`${code}\``);
    }
  });

  it('names the lake keys and the five segments', () => {
    expect(read('docs/contract/lake.md')).toContain(LATEST_RUN_KEY);
    const scores = read('docs/contract/scores.md');
    for (const label of SEGMENT_LABELS) expect(scores).toContain(label);
  });

  it('every relative link of docs/ and the README points at a file of the repository', () => {
    const pages = ['README.md', ...files('docs')].filter((p) => p.endsWith('.md'));
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)#:]+)(?:#[^)]*)?\)/g)) {
        const file = resolve(root, page, '..', target!);
        expect(() => statSync(file), `${page} → ${target}`).not.toThrow();
      }
    }
  });

  it('no file cites a document outside the repository', () => {
    const outside = /SPEC §|SPEC\.md|ARCHITECTURE\.md|README\.fr\.md|\/work\/shared/;
    const offenders = ['README.md', 'Dockerfile', ...['src', 'web', 'docs', 'test', 'scripts', 'bench'].flatMap(files)]
      .filter((path) => !path.endsWith('docs-contract.test.ts'))
      .filter((path) => outside.test(read(path)));
    expect(offenders).toEqual([]);
  });
});
