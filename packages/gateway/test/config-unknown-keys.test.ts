import {
  GatewayArgumentError,
  GatewayConfigError,
  startGateway,
  validateConfig,
} from '@hotpath/gateway';
import { expect, it } from 'vitest';

const base = {
  upstreams: { sim: { type: 'openai', baseURL: 'http://127.0.0.1:1/v1' } },
  models: { 'sim-small': 'sim' },
} as const;

function configError(config: unknown): GatewayConfigError {
  try {
    validateConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayConfigError);
    expect(error).toMatchObject({ code: 'HOTPATH_GATEWAY_INVALID_CONFIG' });
    return error as GatewayConfigError;
  }
  throw new Error('validateConfig accepted the config');
}

it('names baseURL for an upstream baseUrl, with the field', () => {
  const error = configError({
    ...base,
    upstreams: { sim: { type: 'openai', baseUrl: 'http://x/v1' } },
  });
  expect(error.field).toBe('upstreams.sim.baseUrl');
  expect(error.message).toBe(
    'Invalid gateway config: upstreams.sim.baseUrl is not an option; a base URL is spelled baseURL: use upstreams.sim.baseURL. Fix it in hotpath.config.ts (or .json).',
  );
});

it('names the Ms spelling of an old duration, at the top level and in cache', () => {
  expect(configError({ ...base, drainTimeout: 5 }).field).toBe('drainTimeout');
  expect(configError({ ...base, drainTimeout: 5 }).message).toContain('use config.drainTimeoutMs.');
  expect(configError({ ...base, cache: { ttl: 5 } }).message).toContain('use cache.ttlMs.');
});

it('rejects unknown keys in rate limits, routes and targets', () => {
  expect(configError({ ...base, rateLimit: { rpm: 5 } }).field).toBe('rateLimit.rpm');
  expect(
    configError({ ...base, models: { m: { upstreams: ['sim'], fallback: 'sim' } } }).field,
  ).toBe('models.m.fallback');
  expect(configError({ ...base, models: { m: [{ upstream: 'sim', modle: 'x' }] } }).field).toBe(
    'models.m.upstreams[0].modle',
  );
});

it('startGateway rejects an unknown option before it listens', async () => {
  await expect(startGateway(base as never, { prot: 8080 } as never)).rejects.toBeInstanceOf(
    GatewayArgumentError,
  );
});
