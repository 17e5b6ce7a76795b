import { describe, expect, it } from 'vitest';
import { createTokenizer, TokensArgumentError } from '../src/index.ts';

describe('Tokenizer', () => {
  const tokenizer = createTokenizer({ model: 'gpt-4o' });

  it('isWithinLimit returns the count when within the limit and false beyond it', () => {
    const text = 'one two three four five six seven';
    const n = tokenizer.count(text);
    expect(tokenizer.isWithinLimit(text, n)).toBe(n);
    expect(tokenizer.isWithinLimit(text, n + 10)).toBe(n);
    expect(tokenizer.isWithinLimit(text, n - 1)).toBe(false);
    expect(tokenizer.isWithinLimit('', 0)).toBe(0);
  });

  it('encode returns a Uint32Array and decode accepts any array of ids', () => {
    const ids = tokenizer.encode('hello world');
    expect(ids).toBeInstanceOf(Uint32Array);
    expect(tokenizer.decode([...ids])).toBe('hello world');
  });

  it('rejects bad input with TokensArgumentError naming the argument', () => {
    expect(() => tokenizer.count(42 as unknown as string)).toThrow(TokensArgumentError);
    expect(() => tokenizer.count(42 as unknown as string)).toThrow(/text must be a string/);
    expect(() => tokenizer.isWithinLimit('x', -1)).toThrow(/limit must be/);
    expect(() => tokenizer.decode([4_000_000_000])).toThrow(
      expect.objectContaining({ code: 'HOTPATH_TOKENS_INVALID_ARGUMENT' }),
    );
    expect(() => createTokenizer({ encoding: 'p50k' as never })).toThrow(/options.encoding/);
  });

  it('picks cl100k_base for gpt-4 and o200k_base by default', () => {
    expect(createTokenizer({ model: 'gpt-4' }).encoding).toBe('cl100k_base');
    expect(createTokenizer().encoding).toBe('o200k_base');
    expect(createTokenizer({ model: 'gpt-4', encoding: 'o200k_base' }).encoding).toBe('o200k_base');
  });
});
