import { describe, expect, it } from 'vitest';
import { createTokenizer, encodingForModel, isHotpathErrorCode } from './helpers.ts';

describe('models without a public tokenizer', () => {
  const claude = createTokenizer({ model: 'claude-sonnet-4-5' });
  const basis = createTokenizer({ encoding: 'o200k_base' });
  const text = 'Estimates are labelled: they scale the o200k_base count and carry their bounds.';

  it('maps OpenAI models to encodings and others to none', () => {
    expect(encodingForModel('gpt-4o-mini')).toBe('o200k_base');
    expect(encodingForModel('openai/gpt-5')).toBe('o200k_base');
    expect(encodingForModel('gpt-4-turbo')).toBe('cl100k_base');
    expect(encodingForModel('gpt-3.5-turbo-0125')).toBe('cl100k_base');
    expect(encodingForModel('o3-mini')).toBe('o200k_base');
    expect(encodingForModel('text-embedding-3-small')).toBe('cl100k_base');
    expect(encodingForModel('claude-opus-4')).toBeUndefined();
  });

  it('labels counts as estimates with bounds around the point estimate', () => {
    const raw = basis.count(text);
    const result = claude.measure(text);
    expect(claude.exact).toBe(false);
    expect(result).toEqual({
      kind: 'estimate',
      tokens: Math.ceil(raw * 1.2),
      low: raw,
      high: Math.ceil(raw * 1.45),
      basis: 'o200k_base',
      model: 'claude-sonnet-4-5',
    });
    expect(claude.count(text)).toBe(result.tokens);
    expect(basis.measure(text)).toEqual({ kind: 'exact', tokens: raw, encoding: 'o200k_base' });
  });

  it('refuses to produce token ids for them', () => {
    expect(() => claude.encode(text)).toThrow(
      expect.objectContaining({ code: 'HOTPATH_TOKENS_NO_PUBLIC_TOKENIZER' }),
    );
    expect(isHotpathErrorCode(() => claude.decode([1]), 'HOTPATH_TOKENS_NO_PUBLIC_TOKENIZER')).toBe(
      true,
    );
  });

  it('isWithinLimit compares the estimate with the limit', () => {
    const estimate = claude.count(text);
    expect(claude.isWithinLimit(text, estimate)).toBe(estimate);
    expect(claude.isWithinLimit(text, estimate - 1)).toBe(false);
  });
});
