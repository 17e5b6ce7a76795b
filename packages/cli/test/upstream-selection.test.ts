import { describe, expect, it } from 'vitest';
import { CliArgumentError, selectUpstream } from '../src/index.ts';

describe('selectUpstream', () => {
  it('starts the embedded simulator without HOTPATH_BASE_URL, and stops it on close', async () => {
    const upstream = await selectUpstream({}, { ttftMs: 0 });
    expect(upstream).toMatchObject({ provider: 'openai', model: 'sim-small', embedded: true });
    expect(upstream.label).toContain('embedded @hotpath/simulator');
    expect(upstream.label).toContain('0 ms to first token');
    const models = await fetch(`${upstream.baseURL}/models`);
    expect(models.status).toBe(200);
    await upstream.close();
    await expect(fetch(`${upstream.baseURL}/models`)).rejects.toThrow();
  });

  it('reads the endpoint, key and model from the environment, and never labels with the key', async () => {
    const env = {
      HOTPATH_BASE_URL: 'https://llm.example.com/openai/v1/',
      HOTPATH_API_KEY: 'sk-secret',
      HOTPATH_MODEL: 'my-model',
    };
    const upstream = await selectUpstream(env);
    expect(upstream).toMatchObject({
      provider: 'openai',
      baseURL: 'https://llm.example.com/openai/v1',
      apiKey: 'sk-secret',
      model: 'my-model',
      embedded: false,
    });
    expect(upstream.label).not.toContain('sk-secret');
  });

  it('infers Anthropic from the host name, and adds /v1 to a bare OpenAI-compatible URL', async () => {
    const anthropic = await selectUpstream({ HOTPATH_BASE_URL: 'https://api.anthropic.com/v1' });
    expect(anthropic).toMatchObject({
      provider: 'anthropic',
      baseURL: 'https://api.anthropic.com',
      model: 'claude-3-5-haiku-latest',
    });
    const openai = await selectUpstream({ HOTPATH_BASE_URL: 'http://127.0.0.1:8000' });
    expect(openai).toMatchObject({ provider: 'openai', baseURL: 'http://127.0.0.1:8000/v1' });
    const forced = await selectUpstream({
      HOTPATH_BASE_URL: 'http://127.0.0.1:8000',
      HOTPATH_PROVIDER: 'anthropic',
    });
    expect(forced.provider).toBe('anthropic');
  });

  it('rejects a bad URL or provider with HOTPATH_CLI_INVALID_ARGUMENT', async () => {
    const url = selectUpstream({ HOTPATH_BASE_URL: 'localhost:8000' });
    await expect(url).rejects.toBeInstanceOf(CliArgumentError);
    await expect(url).rejects.toThrow(
      'HOTPATH_BASE_URL must be an http(s) URL, got "localhost:8000"',
    );
    const provider = selectUpstream({ HOTPATH_BASE_URL: 'http://x', HOTPATH_PROVIDER: 'gemini' });
    await expect(provider).rejects.toMatchObject({ code: 'HOTPATH_CLI_INVALID_ARGUMENT' });
  });
});
