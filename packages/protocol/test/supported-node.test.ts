import {
  assertSupportedNode,
  isHotpathError,
  isSupportedNode,
  MIN_NODE_VERSION,
  UnsupportedNodeError,
} from '@hotpath/protocol';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const seeds = propertySeeds('supported-node');
const [minMajor, minMinor, minPatch] = MIN_NODE_VERSION.split('.').map(Number) as [
  number,
  number,
  number,
];

describe('isSupportedNode', () => {
  it('accepts the floor and everything after it, in both LTS lines and later ones', () => {
    for (const version of [MIN_NODE_VERSION, '22.19.1', '22.23.3', '23.0.0', '24.0.0', '26.10.0'])
      expect(isSupportedNode(version), version).toBe(true);
    expect(isSupportedNode(`v${MIN_NODE_VERSION}`)).toBe(true);
  });

  it('rejects 22 below the floor (undici 8 crashes there), 20 and 18', () => {
    for (const version of ['22.18.0', '22.13.1', '22.0.0', '21.7.3', '20.19.0', '18.20.8'])
      expect(isSupportedNode(version), version).toBe(false);
  });

  it('reads the running Node by default, which the test run itself satisfies', () => {
    expect(isSupportedNode()).toBe(true);
    expect(() => assertSupportedNode()).not.toThrow();
  });

  it.each(seeds)(
    'a version is supported exactly when it sorts at or after the floor, numerically (seed %i)',
    (seed) => {
      const part = fc.integer({ min: 0, max: 1000 });
      fc.assert(
        fc.property(part, part, part, (major, minor, patch) => {
          const expected =
            major !== minMajor
              ? major > minMajor
              : minor !== minMinor
                ? minor > minMinor
                : patch >= minPatch;
          expect(isSupportedNode(`${major}.${minor}.${patch}`)).toBe(expected);
        }),
        { seed },
      );
    },
  );

  it.each(seeds)(
    'any string that is not a version is refused without throwing (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(anyString, (text) => {
          const result = isSupportedNode(text);
          if (!/^v?\d+\.\d+\.\d+/.test(text)) expect(result).toBe(false);
        }),
        { seed },
      );
    },
  );
});

describe('assertSupportedNode', () => {
  it('throws a typed error that names the required and the found version', () => {
    let caught: unknown;
    try {
      assertSupportedNode('22.13.1');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedNodeError);
    expect(isHotpathError(caught, 'HOTPATH_PROTOCOL_UNSUPPORTED_NODE')).toBe(true);
    const error = caught as UnsupportedNodeError;
    expect(error.required).toBe(`>=${MIN_NODE_VERSION}`);
    expect(error.current).toBe('22.13.1');
    expect(error.message).toContain(MIN_NODE_VERSION);
    expect(error.message).toContain('22.13.1');
  });
});
