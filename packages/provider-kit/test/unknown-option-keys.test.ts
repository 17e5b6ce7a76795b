import {
  createDialectProvider,
  createJsonTransport,
  ProviderArgumentError,
  rateLimitRetryPolicy,
} from '@hotpath/provider-kit';
import { expect, it } from 'vitest';

function thrown(fn: () => unknown): ProviderArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderArgumentError);
    expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_INVALID_ARGUMENT' });
    return error as ProviderArgumentError;
  }
  throw new Error('did not throw');
}

it('createJsonTransport rejects the old baseUrl, naming baseURL', () => {
  const error = thrown(() =>
    createJsonTransport({
      provider: 't',
      baseUrl: 'http://127.0.0.1:1',
      headers: {},
      secrets: [],
    } as never),
  );
  expect(error.message).toBe(
    'createJsonTransport(): options.baseUrl is not an option; a base URL is spelled baseURL: use options.baseURL.',
  );
});

it('createDialectProvider rejects an unknown key before it opens a pool', () => {
  expect(
    thrown(() => createDialectProvider({ name: 'my-api' } as never, { url: 'http://x' } as never))
      .message,
  ).toBe(
    'my-api provider(): options.url is not an option; a base URL is spelled baseURL: use options.baseURL.',
  );
});

it('rateLimitRetryPolicy rejects an old duration name, naming the Ms spelling', () => {
  expect(thrown(() => rateLimitRetryPolicy({ maxWait: 5 } as never)).message).toBe(
    'rateLimitRetry.maxWait is not an option; durations are in milliseconds and end in Ms: use rateLimitRetry.maxWaitMs.',
  );
});
