import { corpusSamples, mixedCorpus } from '@hotpath/testing';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer, type EncodingName } from '../src/index.ts';

const encodings: EncodingName[] = ['o200k_base', 'cl100k_base'];
const references = new Map<EncodingName, Tiktoken>(encodings.map((e) => [e, get_encoding(e)]));
afterAll(() => {
  for (const reference of references.values()) reference.free();
});

function reference(encoding: EncodingName, text: string): Uint32Array {
  return references.get(encoding)!.encode_ordinary(text);
}

describe.each(encodings)('%s agrees with tiktoken', (encoding) => {
  const tokenizer = createTokenizer({ encoding });

  it('counts and encodes every hand-written sample exactly', () => {
    for (const sample of corpusSamples()) {
      expect(tokenizer.count(sample), sample).toBe(reference(encoding, sample).length);
      expect([...tokenizer.encode(sample)]).toEqual([...reference(encoding, sample)]);
    }
  });

  it('counts 40 seeded mixed English/code/multilingual texts exactly', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = mixedCorpus(4_000 + seed * 500, seed);
      expect(tokenizer.count(text)).toBe(reference(encoding, text).length);
    }
  });

  it('counts a 1 MB mixed corpus exactly, twice (cold and memoised)', () => {
    const text = mixedCorpus(1_000_000, 99);
    const expected = reference(encoding, text).length;
    expect(tokenizer.count(text)).toBe(expected);
    expect(tokenizer.count(text)).toBe(expected);
  });

  it('round-trips encode and decode', () => {
    const text = mixedCorpus(20_000, 5);
    expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    expect(tokenizer.decode(reference(encoding, text))).toBe(text);
  });

  it('counts special-token strings as text instead of throwing', () => {
    const text = 'a <|endoftext|> b <|im_start|>user<|im_end|> <|fim_prefix|><|endofprompt|>';
    expect(tokenizer.count(text)).toBe(reference(encoding, text).length);
    expect(tokenizer.count(text)).toBeGreaterThan(5);
  });

  it('counts edge cases: empty, whitespace only, trailing whitespace, long runs', () => {
    for (const text of [
      '',
      ' ',
      '\n',
      '   \n\n  ',
      'end   ',
      'a'.repeat(5_000),
      ' '.repeat(3_000),
      '9'.repeat(1001),
    ]) {
      expect(tokenizer.count(text)).toBe(reference(encoding, text).length);
    }
  });
});
