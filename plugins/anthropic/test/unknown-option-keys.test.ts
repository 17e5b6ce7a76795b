import { anthropicPlugin, createAnthropicProvider } from '@hotpath/plugin-anthropic';
import { expect, it } from 'vitest';

it('createAnthropicProvider and anthropicPlugin reject old and unknown keys with the provider error code', () => {
  expect(() => createAnthropicProvider({ base_url: 'http://127.0.0.1:1' } as never)).toThrow(
    'use options.baseURL.',
  );
  expect(() => anthropicPlugin({ betas: ['x'] } as never)).toThrow(
    expect.objectContaining({ code: 'HOTPATH_PROVIDER_INVALID_ARGUMENT' }),
  );
});
