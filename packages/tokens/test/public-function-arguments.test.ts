import { afterAll, describe, expect, it } from 'vitest';
import {
  chatOverheadFor,
  createTokenizer,
  createTokenWorkers,
  encodingForModel,
  estimateRuleFor,
  formatToolDefinitions,
  TokensArgumentError,
  truncate,
} from '../src/index.ts';

const workers = createTokenWorkers({ encoding: 'o200k_base', threads: 1, inlineThreshold: 0 });
afterAll(() => workers.close());
const history = [{ role: 'user', content: 'hello' }] as const;

describe('public functions given arguments of the wrong type throw HOTPATH_TOKENS_INVALID_ARGUMENT', () => {
  it.each<[string, () => unknown]>([
    [
      'truncate with a tokenizer that is not one',
      () => truncate([...history], 100, { tokenizer: {} as never }),
    ],
    ['truncate with null options', () => truncate([...history], 100, null as never)],
    ['encodingForModel(5)', () => encodingForModel(5 as never)],
    ['estimateRuleFor(null)', () => estimateRuleFor(null as never)],
    ['chatOverheadFor(5)', () => chatOverheadFor(5 as never)],
    ['formatToolDefinitions(null)', () => formatToolDefinitions(null as never)],
    ['formatToolDefinitions([null])', () => formatToolDefinitions([null] as never)],
    ['decode(5)', () => createTokenizer().decode(5 as never)],
    ['decode(null)', () => createTokenizer().decode(null as never)],
    ['decode({})', () => createTokenizer().decode({} as never)],
  ])('%s', (_, call) => {
    expect(call).toThrow(TokensArgumentError);
  });

  it.each([5, null, {}])('the worker pool’s decode(%j)', async (tokens) => {
    await expect(workers.decode(tokens as never)).rejects.toBeInstanceOf(TokensArgumentError);
  });

  it('still decodes arrays and typed arrays of ids, and an empty one to ""', async () => {
    const tokenizer = createTokenizer({ encoding: 'o200k_base' });
    const ids = tokenizer.encode('hello world');
    expect(tokenizer.decode(ids)).toBe('hello world');
    expect(tokenizer.decode([...ids])).toBe('hello world');
    expect(tokenizer.decode([])).toBe('');
    expect(await workers.decode(ids)).toBe('hello world');
  });
});
