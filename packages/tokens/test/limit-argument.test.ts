import { afterAll, describe, expect, it } from 'vitest';
import { createTokenizer, createTokenWorkers, TokensArgumentError } from '../src/index.ts';

const tokenizer = createTokenizer({ encoding: 'o200k_base' });
const workers = createTokenWorkers({ encoding: 'o200k_base', threads: 1 });
afterAll(() => workers.close());

describe('isWithinLimit(text, limit) with a limit that is not a number', () => {
  it.each(['5', null, true, [5], { valueOf: () => 5 }])(
    'throws HOTPATH_TOKENS_INVALID_ARGUMENT for %j, inline and on the worker pool',
    async (limit) => {
      expect(() => tokenizer.isWithinLimit('hello world', limit as never)).toThrow(
        TokensArgumentError,
      );
      await expect(workers.isWithinLimit('hello world', limit as never)).rejects.toBeInstanceOf(
        TokensArgumentError,
      );
    },
  );

  it('still takes any number ≥ 0, Infinity and fractions included', () => {
    expect(tokenizer.isWithinLimit('hello world', Number.POSITIVE_INFINITY)).toBe(2);
    expect(tokenizer.isWithinLimit('hello world', 2.5)).toBe(2);
    expect(tokenizer.isWithinLimit('hello world', 1.5)).toBe(false);
  });
});
