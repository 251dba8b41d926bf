import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeVersionProblem } from '../../bin/node-version.mjs';

const check = nodeVersionProblem;

describe('the Node version check at start', () => {
  it('accepts the minimum and anything newer', () => {
    expect(check('20.11.0')).toBeUndefined();
    expect(check('20.20.2')).toBeUndefined();
    expect(check('22.1.0')).toBeUndefined();
    expect(check('100.0.0')).toBeUndefined();
  });

  it('refuses older versions with one clear line naming both versions', () => {
    for (const old of ['20.10.9', '20.0.0', '18.19.1', '16.20.2']) {
      const message = check(old);
      expect(message).toContain(`Node.js ${MINIMUM_NODE} or newer`);
      expect(message).toContain(`this is ${old}`);
      expect(message).not.toContain('\n');
    }
  });

  it('says the same minimum as package.json engines', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
  });
});
