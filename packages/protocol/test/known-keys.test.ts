import {
  checkKnownKeys,
  HotpathArgumentError,
  isHotpathError,
  knownKeys,
  unknownKeyMessage,
} from '@hotpath/protocol';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

class ExampleArgumentError extends HotpathArgumentError {
  constructor(message: string) {
    super('HOTPATH_EXAMPLE_INVALID_ARGUMENT', message);
  }
}
const toError = (message: string): Error => new ExampleArgumentError(message);

interface ExampleOptions {
  readonly ttlMs?: number;
  readonly connectTimeoutMs?: number;
  readonly baseURL?: string;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}
const KNOWN = knownKeys<ExampleOptions>({
  ttlMs: true,
  connectTimeoutMs: true,
  baseURL: true,
  maxBytes: true,
  signal: true,
});

function thrown(options: object): ExampleArgumentError {
  try {
    checkKnownKeys(options, KNOWN, 'options', toError);
  } catch (error) {
    return error as ExampleArgumentError;
  }
  throw new Error('checkKnownKeys did not throw');
}

describe('checkKnownKeys', () => {
  it('accepts known keys, absent or undefined, and an empty object', () => {
    checkKnownKeys({}, KNOWN, 'options', toError);
    checkKnownKeys({ ttlMs: 1, baseURL: 'http://x', signal: undefined }, KNOWN, 'options', toError);
  });

  it("throws the caller's typed argument error, a TypeError and a hotpath error", () => {
    const error = thrown({ nope: 1 });
    expect(error).toBeInstanceOf(ExampleArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(isHotpathError(error, 'HOTPATH_EXAMPLE_INVALID_ARGUMENT')).toBe(true);
    expect(error.message).toBe(
      'options.nope is not an option; options accepts baseURL, connectTimeoutMs, maxBytes, signal, ttlMs.',
    );
  });

  it('names the Ms spelling for a duration without it', () => {
    expect(thrown({ ttl: 60_000 }).message).toBe(
      'options.ttl is not an option; durations are in milliseconds and end in Ms: use options.ttlMs.',
    );
    expect(thrown({ ttlMs: 1, connectTimeout: 5 }).message).toContain(
      'use options.connectTimeoutMs',
    );
    expect(thrown({ TTL: 5 }).message).toContain('end in Ms: use options.ttlMs');
  });

  it('names baseURL for the other spellings of a base URL', () => {
    for (const key of ['baseUrl', 'base_url', 'baseurl', 'url', 'endpoint', 'apiBase']) {
      expect(thrown({ [key]: 'http://127.0.0.1' }).message).toBe(
        `options.${key} is not an option; a base URL is spelled baseURL: use options.baseURL.`,
      );
    }
  });

  it('names the right case of a key given in another case', () => {
    expect(thrown({ maxbytes: 1 }).message).toBe(
      'options.maxbytes is not an option: use options.maxBytes.',
    );
    expect(thrown({ TTLMS: 1 }).message).toBe('options.TTLMS is not an option: use options.ttlMs.');
  });

  it('rejects an unknown key even when its value is undefined', () => {
    expect(thrown({ ttl: undefined }).message).toContain('use options.ttlMs');
  });

  it('ignores symbol keys and inherited keys, and sees a key named __proto__', () => {
    checkKnownKeys({ [Symbol('x')]: 1 }, KNOWN, 'options', toError);
    checkKnownKeys(Object.create({ inherited: 1 }) as object, KNOWN, 'options', toError);
    expect(thrown(JSON.parse('{"__proto__": 1}') as object).message).toContain('options.__proto__');
  });

  it('quotes a key that is not an identifier and cuts a huge one', () => {
    expect(unknownKeyMessage('a b', KNOWN, 'options')).toMatch(
      /^options\["a b"\] is not an option/,
    );
    const huge = unknownKeyMessage('x'.repeat(100_000), KNOWN, 'options');
    expect(huge.length).toBeLessThan(400);
  });

  it.each(propertySeeds('known keys'))(
    'any key outside the known set is rejected with a typed error that names it, and known keys never are (seed %i)',
    (seed) => {
      const unknownKey = anyString.filter((key) => !KNOWN.has(key));
      const knownKey = fc.constantFrom(...KNOWN);
      fc.assert(
        fc.property(fc.uniqueArray(knownKey), unknownKey, fc.nat(), (present, extra, position) => {
          const entries: [string, unknown][] = present.map((key) => [key, 1]);
          checkKnownKeys(Object.fromEntries(entries), KNOWN, 'options', toError);
          entries.splice(position % (entries.length + 1), 0, [extra, 1]);
          const error = thrown(Object.fromEntries(entries));
          expect(error).toBeInstanceOf(ExampleArgumentError);
          const cut = extra.length > 64 ? extra.slice(0, 64) : extra;
          expect(
            error.message.includes(`options.${cut}`) ||
              error.message.includes(`options[${JSON.stringify(cut).slice(0, -1)}`),
          ).toBe(true);
          expect(error.message.isWellFormed()).toBe(true);
        }),
        { seed },
      );
    },
  );
});

describe('knownKeys', () => {
  it('is the set of the listed keys', () => {
    expect([...KNOWN].sort()).toEqual([
      'baseURL',
      'connectTimeoutMs',
      'maxBytes',
      'signal',
      'ttlMs',
    ]);
  });
});
