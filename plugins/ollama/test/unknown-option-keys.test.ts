import { createOllamaProvider, ollamaPlugin } from '@hotpath/plugin-ollama';
import { expect, it } from 'vitest';

it('createOllamaProvider and ollamaPlugin reject host and baseUrl, naming baseURL', () => {
  expect(() => createOllamaProvider({ baseUrl: 'http://127.0.0.1:11434' } as never)).toThrow(
    'use options.baseURL.',
  );
  expect(() => ollamaPlugin({ host: 'http://127.0.0.1:11434' } as never)).toThrow(
    /^ollamaPlugin\(\): options.host is not an option; options accepts /,
  );
});
