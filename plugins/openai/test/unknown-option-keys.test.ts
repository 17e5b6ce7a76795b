import { createOpenAIProvider, openaiPlugin } from '@hotpath/plugin-openai';
import { expect, it } from 'vitest';

it('createOpenAIProvider and openaiPlugin reject baseUrl, naming baseURL, and list their own options', () => {
  expect(() => createOpenAIProvider({ baseUrl: 'http://127.0.0.1:1/v1' } as never)).toThrow(
    'createOpenAIProvider(): options.baseUrl is not an option; a base URL is spelled baseURL: use options.baseURL.',
  );
  expect(() => openaiPlugin({ organisation: 'x' } as never)).toThrow(
    /^openaiPlugin\(\): options.organisation is not an option; options accepts .*organization, pool, project, rateLimitRetry\.$/,
  );
});
