import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigLoadError,
  ConfigNotFoundError,
  defineConfig,
  GatewayConfigError,
  loadConfig,
  startGateway,
  validateConfig,
} from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = {
  upstreams: { sim: { type: 'openai', baseURL: 'http://127.0.0.1:9/v1' } },
  models: { 'sim-small': ['sim'] },
};

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayConfigError);
    expect((error as GatewayConfigError).code).toBe('HOTPATH_GATEWAY_INVALID_CONFIG');
    return (error as GatewayConfigError).field;
  }
  return undefined;
}

describe('loadConfig', () => {
  it('loads a TypeScript config with type annotations (default export)', async () => {
    const path = write(
      'hotpath.config.ts',
      `type Upstream = { type: 'openai'; baseURL: string };\nconst sim: Upstream = ${JSON.stringify(config.upstreams.sim)};\nexport default { upstreams: { sim }, models: { 'sim-small': 'sim' as string } };\n`,
    );
    expect(await loadConfig(path)).toEqual({ ...config, models: { 'sim-small': 'sim' } });
  });

  it('loads a JSON config', async () => {
    expect(await loadConfig(write('hotpath.config.json', JSON.stringify(config)))).toEqual(config);
  });

  it('looks for hotpath.config.* in the working directory', async () => {
    const cwd = process.cwd();
    const here = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(here, 'hotpath.config.json'), JSON.stringify(config));
    process.chdir(here);
    try {
      expect(await loadConfig()).toEqual(config);
    } finally {
      process.chdir(cwd);
    }
  });

  it('rejects a missing file, a syntax error and a bad field with typed errors', async () => {
    await expect(loadConfig(join(dir, 'nope.json'))).rejects.toBeInstanceOf(ConfigNotFoundError);
    const broken = loadConfig(write('broken.json', '{"upstreams": '));
    await expect(broken).rejects.toBeInstanceOf(ConfigLoadError);
    await expect(broken).rejects.toMatchObject({ code: 'HOTPATH_GATEWAY_CONFIG_LOAD_FAILED' });
    const bad = { ...config, upstreams: { sim: { type: 'grpc' } } };
    await expect(loadConfig(write('bad.json', JSON.stringify(bad)))).rejects.toMatchObject({
      code: 'HOTPATH_GATEWAY_INVALID_CONFIG',
      field: 'upstreams.sim.type',
    });
  });
});

describe('validateConfig', () => {
  it('names the bad field', () => {
    expect(fieldOf(() => validateConfig(null))).toBe('config');
    expect(fieldOf(() => validateConfig({ ...config, upstreams: {} }))).toBe('upstreams');
    expect(fieldOf(() => validateConfig({ ...config, models: { m: ['sim', 'gone'] } }))).toBe(
      'models.m.upstreams[1]',
    );
    expect(fieldOf(() => validateConfig({ ...config, models: { m: 'gone' } }))).toBe('models.m');
    const baseURL = { ...config, upstreams: { sim: { type: 'openai', baseURL: 'ftp://x' } } };
    expect(fieldOf(() => validateConfig(baseURL))).toBe('upstreams.sim.baseURL');
    expect(fieldOf(() => validateConfig({ ...config, bodyLimit: -1 }))).toBe('bodyLimit');
    expect(fieldOf(() => validateConfig({ ...config, cache: { maxEntries: 'x' } }))).toBe(
      'cache.maxEntries',
    );
    expect(fieldOf(() => validateConfig({ ...config, redis: 'http://x' }))).toBe('redis');
    expect(fieldOf(() => validateConfig({ ...config, rateLimit: { requestsPerMinute: 0 } }))).toBe(
      'rateLimit.requestsPerMinute',
    );
  });

  it('accepts every documented model form; defineConfig is the identity', () => {
    const forms = defineConfig({
      upstreams: { a: { type: 'openai' }, b: { type: 'anthropic', apiKeyEnv: 'X' } },
      models: {
        one: 'a',
        two: ['a', { upstream: 'b', model: 'claude' }],
        three: { upstreams: ['b'] },
      },
      cache: false,
    });
    expect(() => validateConfig(forms)).not.toThrow();
  });

  it('makes startGateway reject a bad config and bad options before listening', async () => {
    await expect(startGateway({ ...config, models: {} } as never)).rejects.toMatchObject({
      field: 'models',
    });
    await expect(startGateway(config as never, { port: 70_000 })).rejects.toMatchObject({
      code: 'HOTPATH_GATEWAY_INVALID_ARGUMENT',
    });
  });
});
