import type { Plugin, PluginContext, Tool } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createHost, lazyPlugin } from '../src/index.ts';

function toolsPlugin(name: string, tools: readonly Tool[]): Plugin {
  return {
    name,
    setup(context) {
      for (const tool of tools) context.registerTool(tool);
    },
  };
}

/** Tool middleware that records, per call, the definition `context.tool()` returns. */
function definitionSpy(seen: (Tool | undefined)[]): Plugin {
  return {
    name: 'spy',
    setup(context: PluginContext) {
      context.wrap('tool', (next) => (invocation, ctx) => {
        seen.push(context.tool(invocation.name));
        return next(invocation, ctx);
      });
    },
  };
}

const lookup: Tool = { name: 'lookup', cacheable: true, ttlMs: 60_000, run: () => 'found' };
const send: Tool = { name: 'send', run: () => 'sent' };

describe('context.tool(name)', () => {
  it('gives middleware the definitions of tools other plugins registered, even ones set up later', async () => {
    const seen: (Tool | undefined)[] = [];
    await using host = createHost({
      plugins: [definitionSpy(seen), toolsPlugin('tools', [lookup, send])],
    });
    expect(await host.callTool('lookup', {})).toBe('found');
    expect(await host.callTool('send', {})).toBe('sent');
    expect(seen).toEqual([lookup, send]);
    expect(seen[0]).toMatchObject({ cacheable: true, ttlMs: 60_000 });
  });

  it('returns undefined for a tool nobody registered', async () => {
    const seen: (Tool | undefined)[] = [];
    await using host = createHost({ plugins: [definitionSpy(seen)] });
    await expect(host.callTool('missing', {})).rejects.toMatchObject({
      code: 'HOTPATH_HOST_UNKNOWN_TOOL',
    });
    expect(seen).toEqual([undefined]);
  });

  it("finds a lazy plugin's tools once it has loaded", async () => {
    const seen: (Tool | undefined)[] = [];
    await using host = createHost({
      plugins: [
        definitionSpy(seen),
        lazyPlugin('lazy-tools', async () => toolsPlugin('lazy-tools', [lookup]), { on: ['tool'] }),
      ],
    });
    await host.ready();
    expect(await host.callTool('lookup', {})).toBe('found');
    expect(seen).toEqual([lookup]);
  });

  it('is available during setup, for tools registered before', async () => {
    let found: Tool | undefined;
    const reader: Plugin = {
      name: 'reader',
      dependencies: ['tools'],
      setup(context) {
        found = context.tool('lookup');
      },
    };
    await using host = createHost({ plugins: [reader, toolsPlugin('tools', [lookup])] });
    await host.ready();
    expect(found).toBe(lookup);
  });
});
