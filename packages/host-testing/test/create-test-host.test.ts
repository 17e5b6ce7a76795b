import { PluginSetupError } from '@hotpath/host';
import type { Plugin } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createTestHost } from '../src/index.ts';

function tagging(log: string[]): Plugin {
  return {
    name: 'tagging',
    setup(context) {
      context.wrap('complete', (next) => async (request, ctx) => {
        log.push(`complete ${request.model}`);
        return next(request, ctx);
      });
      context.onClose(() => void log.push('teardown'));
    },
  };
}

describe('createTestHost', () => {
  it('runs a plugin in a ready host whose calls reach the simulator', async () => {
    const log: string[] = [];
    await using t = await createTestHost({
      plugins: [tagging(log)],
      simulator: { responseTokens: 5 },
    });
    const answer = await t.host.complete(t.request('hello'));
    expect(answer.model).toBe('sim-small');
    expect(answer.usage.outputTokens).toBe(5);
    expect(log).toEqual(['complete sim-small']);
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    expect(t.host.bootReport().plugins.map((p) => p.name)).toEqual(['tagging']);
  });

  it('streams through the simulator with the configured model', async () => {
    await using t = await createTestHost({ model: 'sim-large', simulator: { responseTokens: 4 } });
    const types: string[] = [];
    for await (const delta of t.host.stream(t.request('hi'))) types.push(delta.type);
    expect(types.filter((type) => type === 'text')).toHaveLength(4);
    expect(types.at(-1)).toBe('finish');
    expect(t.request('x', { maxTokens: 2 })).toMatchObject({ model: 'sim-large', maxTokens: 2 });
  });

  it('close() tears the plugins down and stops the simulator', async () => {
    const log: string[] = [];
    const t = await createTestHost({ plugins: [tagging(log)] });
    const url = t.sim.url;
    await t.close();
    await t.close();
    expect(log).toEqual(['teardown']);
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });

  it('rethrows a setup failure after tearing down the plugins already started', async () => {
    const log: string[] = [];
    const failing: Plugin = {
      name: 'failing',
      dependencies: ['tagging'],
      setup() {
        throw new Error('no config');
      },
    };
    const error = await createTestHost({ plugins: [failing, tagging(log)] }).catch((e) => e);
    expect(error).toBeInstanceOf(PluginSetupError);
    expect(error.message).toContain('failing');
    expect(log).toEqual(['teardown']);
  });

  it('rejects options that are not an object', async () => {
    // @ts-expect-error checking the runtime guard
    await expect(createTestHost(null)).rejects.toThrow(TypeError);
    // @ts-expect-error checking the runtime guard
    await expect(createTestHost({ plugins: 'x' })).rejects.toThrow(/options.plugins/);
  });
});
