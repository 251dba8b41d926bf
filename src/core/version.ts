import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The package's version, read from its package.json: two levels up from
 * both src/core (a checkout) and dist/core (the installed package).
 */
export const VERSION = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
