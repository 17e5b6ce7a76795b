import { createTokenizer, createTokenWorkers, TokensArgumentError } from '@hotpath/tokens';
import { expect, it } from 'vitest';

it('createTokenWorkers rejects the old idleTimeout before starting a thread, naming idleTimeoutMs', () => {
  const create = () => createTokenWorkers({ threads: 1, idleTimeout: 1000 } as never);
  expect(create).toThrow(TokensArgumentError);
  expect(create).toThrow(
    'options.idleTimeout is not an option; durations are in milliseconds and end in Ms: use options.idleTimeoutMs.',
  );
});

it('createTokenizer rejects a misspelt option with HOTPATH_TOKENS_INVALID_ARGUMENT', () => {
  let caught: unknown;
  try {
    createTokenizer({ modle: 'gpt-4o' } as never);
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ code: 'HOTPATH_TOKENS_INVALID_ARGUMENT' });
  expect((caught as Error).message).toBe(
    'options.modle is not an option; options accepts encoding, imageTokens, model.',
  );
});
