import { describe, expect, it } from 'vitest';
import { type GatewayConfig, startGateway, validateConfig } from '../src/index.ts';

const withHeaders = (headers: unknown): GatewayConfig =>
  ({
    upstreams: { u: { type: 'openai', headers } },
    models: { m: 'u' },
  }) as GatewayConfig;

describe('upstream headers in the config', () => {
  it('refuses a header that could never be sent, naming it, instead of a 502 on every call', () => {
    const bad: [unknown, string][] = [
      [{ 'x-team': 5 }, 'upstreams.u.headers.x-team'],
      [{ 'x-team': null }, 'upstreams.u.headers.x-team'],
      [{ 'bad header': 'x' }, 'upstreams.u.headers.bad header'],
      [{ '': 'x' }, 'upstreams.u.headers.'],
      [{ 'x-team': 'a\r\nx-injected: 1' }, 'upstreams.u.headers.x-team'],
      [['x-team'], 'upstreams.u.headers'],
    ];
    for (const [headers, field] of bad) {
      expect(() => validateConfig(withHeaders(headers))).toThrow(
        expect.objectContaining({ code: 'HOTPATH_GATEWAY_INVALID_CONFIG', field }),
      );
    }
  });

  it('accepts header names and values HTTP allows', () => {
    expect(() =>
      validateConfig(withHeaders({ 'x-team': 'search', 'OpenAI-Organization': 'org-1', x: '' })),
    ).not.toThrow();
  });
});

describe('an upstream key read from the environment', () => {
  it('refuses to start when apiKeyEnv names a variable that is not set, instead of sending clients’ keys upstream', async () => {
    const name = 'HOTPATH_TEST_UNSET_UPSTREAM_KEY';
    delete process.env[name];
    const config: GatewayConfig = {
      upstreams: { u: { type: 'openai', baseURL: 'http://127.0.0.1:9/v1', apiKeyEnv: name } },
      models: { m: 'u' },
      cache: false,
    };
    await expect(startGateway(config)).rejects.toMatchObject({
      code: 'HOTPATH_GATEWAY_INVALID_CONFIG',
      field: 'upstreams.u.apiKeyEnv',
    });
    process.env[name] = 'sk-from-the-environment';
    try {
      await using gateway = await startGateway(config);
      expect(gateway.url).toMatch(/^http:/);
    } finally {
      delete process.env[name];
    }
  });
});
