/** `npm run docs:contract`: write the generated pages of docs/contract/ from the code. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { contractPages } from './contract.ts';

const root = resolve(import.meta.dirname, '../..');
for (const [path, text] of Object.entries(contractPages())) {
  const file = resolve(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${path}`);
}
