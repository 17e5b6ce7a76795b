import { corpusSamples, mixedCorpus } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { createTokenizer, type EncodingName } from '../src/index.ts';
import { splitSafely } from '../src/internal/safe-split.ts';

describe.each<EncodingName>(['o200k_base', 'cl100k_base'])('splitSafely (%s)', (encoding) => {
  const tokenizer = createTokenizer({ encoding });

  it('cuts texts into pieces whose counts sum to the whole count', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const text = mixedCorpus(30_000, seed);
      for (const size of [64, 500, 4_096]) {
        const pieces = splitSafely(text, size);
        expect(pieces.join('')).toBe(text);
        expect(pieces.length).toBeGreaterThan(1);
        const sum = pieces.reduce((n, piece) => n + tokenizer.count(piece), 0);
        expect(sum).toBe(tokenizer.count(text));
      }
    }
  });

  it('handles every sample cut as finely as possible', () => {
    for (const sample of corpusSamples()) {
      const pieces = splitSafely(sample, 1);
      expect(pieces.join('')).toBe(sample);
      expect(pieces.reduce((n, p) => n + tokenizer.count(p), 0)).toBe(tokenizer.count(sample));
    }
  });

  it('keeps a text without safe cuts whole', () => {
    const text = '漢字'.repeat(5_000);
    expect(splitSafely(text, 100)).toEqual([text]);
  });
});
