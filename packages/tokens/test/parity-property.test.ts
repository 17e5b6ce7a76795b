import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer, ENCODINGS, type EncodingName } from '../src/index.ts';
import { tokenizerText } from './unicode-arbitraries.ts';

// 25,000 texts per encoding and seed: 100,000 compared per run (two encodings, two seeds).
const RUNS = 25_000;
const seeds = propertySeeds('tokens parity with tiktoken');
const references = new Map<EncodingName, Tiktoken>(ENCODINGS.map((e) => [e, get_encoding(e)]));
afterAll(() => {
  for (const reference of references.values()) reference.free();
});

function sameIds(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe.each(ENCODINGS)('%s', (encoding) => {
  const tokenizer = createTokenizer({ encoding });
  const reference = references.get(encoding)!;

  it.each(seeds)(
    'every string (all planes, white space, format and control characters, combining and emoji sequences, lone surrogates, special-token strings) gets exactly tiktoken’s ids and count (seed %i)',
    (seed) => {
      const property = fc.property(tokenizerText, (text) => {
        const expected = reference.encode_ordinary(text);
        if (!sameIds(tokenizer.encode(text), expected)) return false;
        if (tokenizer.count(text) !== expected.length) return false;
        return tokenizer.isWithinLimit(text, expected.length) === expected.length;
      });
      const result = fc.check(property, { seed, numRuns: RUNS });
      if (result.failed) {
        const text = result.counterexample![0];
        expect(
          { text, ids: [...tokenizer.encode(text)] },
          `seed ${seed}: ${fc.defaultReportMessage(result)}`,
        ).toEqual({ text, ids: [...reference.encode_ordinary(text)] });
      }
      expect(result.numRuns).toBe(RUNS);
    },
    120_000,
  );
});
