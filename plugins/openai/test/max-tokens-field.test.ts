import { isHotpathError } from '@hotpath/protocol';
import { startSimulator } from '@hotpath/simulator';
import { describe, expect, it } from 'vitest';
import { createOpenAIDialect, createOpenAIProvider } from '../src/index.ts';

const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

async function sentBody(options: { maxTokensField?: 'max_completion_tokens' | 'max_tokens' }) {
  await using sim = await startSimulator({ port: 0 });
  await using openai = createOpenAIProvider({
    baseURL: `${sim.url}/v1`,
    apiKey: 'sk-test',
    ...options,
  });
  await openai.complete({ ...request, maxTokens: 7 });
  const [call] = sim.requests;
  return call?.body as Record<string, unknown>;
}

describe('maxTokens on the wire', () => {
  it("is sent as OpenAI's current max_completion_tokens by default (reasoning models refuse max_tokens)", async () => {
    const body = await sentBody({});
    expect(body.max_completion_tokens).toBe(7);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('is sent as max_tokens for an older compatible server when asked', async () => {
    const body = await sentBody({ maxTokensField: 'max_tokens' });
    expect(body.max_tokens).toBe(7);
    expect(body).not.toHaveProperty('max_completion_tokens');
  });

  it('refuses any other field name with a typed argument error', () => {
    const bad = () => createOpenAIDialect({ maxTokensField: 'maxTokens' as never });
    expect(bad).toThrow(TypeError);
    try {
      bad();
    } catch (error) {
      expect(isHotpathError(error, 'HOTPATH_PROVIDER_INVALID_ARGUMENT')).toBe(true);
    }
  });
});
