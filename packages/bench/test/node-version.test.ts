import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { node } from './cli-helpers.ts';

const require = createRequire(import.meta.url);
const { isSupported } = require('../bin/supported-node.cjs') as {
  isSupported: (version: string, range: string) => boolean;
};
const bin = new URL('../bin/hotpath-bench.cjs', import.meta.url).pathname;
const fakeNode18 = new URL('./fixtures/pretend-node-18.cjs', import.meta.url).pathname;

describe('the published binary on an unsupported Node.js', () => {
  it.each([
    ['22.13.0', '>=22.13', true],
    ['22.12.9', '>=22.13', false],
    ['24.0.0', '>=22.13', true],
    ['20.19.1', '>=22.13', false],
    ['23.0.0', '>=22.13 <23 || >=24', false],
    ['22.20.0', '>=22.13 <23 || >=24', true],
    ['24.1.0', '>=22.13 <23 || >=24', true],
  ])('Node %s against "%s" is supported: %s', (version, range, supported) => {
    expect(isSupported(version, range)).toBe(supported);
  });

  it('exits 2 with the required version before loading anything newer', () => {
    // The check runs before dist/ is loaded, so this needs no build.
    const result = spawnSync(node, ['-r', fakeNode18, bin, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: hotpath-bench needs Node\.js >=\d+\.\d+ \(this is Node\.js v18\.20\.0\)/,
    );
  });
});
