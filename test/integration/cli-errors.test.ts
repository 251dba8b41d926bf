import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACHATS_HEADER, CLIENTS_HEADER } from '../support/mini-lake.ts';
import { cli, tempDir } from '../support/cli.ts';

/** Writes a sources directory; each file's content given as a Buffer or text. */
function sources(files: Record<string, string | Buffer>): string {
  const dir = join(tempDir(), 'sources');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const goodClients = `${CLIENTS_HEADER}\n1,A,a@b.fr,France,2020-01-01\n`;
const goodAchats = `${ACHATS_HEADER}\n1,1,2020-02-01,10,Four\n`;

/** One clear line on stderr, a non-zero exit, no stack trace. */
function expectOneLineError(result: ReturnType<typeof cli>, pattern: RegExp): void {
  expect(result.status).not.toBe(0);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input gives one clear line and a non-zero exit', () => {
  const lake = () => join(tempDir(), 'lake');

  it('missing source file', () => {
    expectOneLineError(cli(['run', '--sources', sources({ 'clients.csv': goodClients }), '--lake', lake()]), /source file not found: .*achats\.csv/);
  });

  it('empty source file', () => {
    expectOneLineError(cli(['run', '--sources', sources({ 'clients.csv': '', 'achats.csv': goodAchats }), '--lake', lake()]), /source file is empty: .*clients\.csv/);
  });

  it('missing column', () => {
    const dir = sources({ 'clients.csv': goodClients, 'achats.csv': 'id_achat,id_client,date_achat,produit\n1,1,2020-01-01,Four\n' });
    expectOneLineError(cli(['run', '--sources', dir, '--lake', lake()]), /missing column montant in .*achats\.csv/);
  });

  it('wrong separator', () => {
    const dir = sources({ 'clients.csv': goodClients, 'achats.csv': ACHATS_HEADER.replaceAll(',', ';') + '\n1;1;2020-01-01;10;Four\n' });
    expectOneLineError(cli(['run', '--sources', dir, '--lake', lake()]), /wrong separator in .*achats\.csv: found ';'/);
  });

  it('non-UTF-8 file', () => {
    const latin1 = Buffer.concat([Buffer.from(`${CLIENTS_HEADER}\n1,`), Buffer.from([0x43, 0x68, 0x6c, 0x6f, 0xe9]), Buffer.from(',c@d.fr,France,2020-01-01\n')]);
    const dir = sources({ 'clients.csv': latin1, 'achats.csv': goodAchats });
    expectOneLineError(cli(['run', '--sources', dir, '--lake', lake()]), /clients\.csv is not UTF-8 \(first invalid byte near line 2\)/);
  });

  it('a directory given as a source, a missing sources folder, a binary header', () => {
    const asDirectory = sources({ 'clients.csv': goodClients });
    mkdirSync(join(asDirectory, 'achats.csv'));
    const directory = cli(['run', '--sources', asDirectory, '--lake', lake()]);
    expectOneLineError(directory, /source is not a file: .*achats\.csv \(a directory\)/);
    expect(directory.status).toBe(2);
    const missing = join(tempDir(), 'nowhere');
    expectOneLineError(cli(['run', '--sources', missing, '--lake', lake()]), new RegExp(`not found: ${missing}/clients\\.csv \\(sources folder ${missing};`));
    const binary = Buffer.concat([Buffer.from([0x00, 0x1b, 0x5b, 0x32, 0x4a]), Buffer.alloc(5000, 0x41), Buffer.from('\n')]);
    const header = cli(['run', '--sources', sources({ 'clients.csv': goodClients, 'achats.csv': binary }), '--lake', lake()]);
    expectOneLineError(header, /missing columns .* \(header: \\u0000\\u001b\[2JAAA+… \(5005 characters\)\)$/);
    expect(header.stderr.length).toBeLessThan(600);
  });

  it('a lake path that cannot be written', () => {
    const parent = tempDir();
    writeFileSync(join(parent, 'file'), 'not a directory');
    const dir = sources({ 'clients.csv': goodClients, 'achats.csv': goodAchats });
    expectOneLineError(cli(['run', '--sources', dir, '--lake', join(parent, 'file', 'lake')]), /cannot write to the lake at .*: ENOTDIR/);
    const readOnly = join(tempDir(), 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    if (process.getuid?.() !== 0) {
      expectOneLineError(cli(['run', '--sources', dir, '--lake', join(readOnly, 'lake')]), /cannot write to the lake/);
    }
  });

  it('bad options and unknown values', () => {
    expectOneLineError(cli(['generate', '--scale', 'abc']), /option '--scale <n>' argument 'abc' is invalid/);
    expectOneLineError(cli(['run', '--as-of', '2024-13-01']), /expected a date YYYY-MM-DD/);
    expectOneLineError(cli(['check', '--lake', join(tempDir(), 'nothing')]), /no run manifest in .*: run `electrolake run` first/);
  });
});
