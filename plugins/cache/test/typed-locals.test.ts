import { join } from 'node:path';
import { createTestHost } from '@hotpath/host-testing';
import type { CallLocals, Middleware, Plugin, StreamDelta, Tool } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { cachePlugin } from '../src/index.ts';
import { tempDir } from './helpers.ts';

// A third-party plugin's own typed local, declared the way every plugin declares its keys.
declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Written by the audit plugin below; read by the application after the call. */
    audit?: { readonly line: string };
    /** Seeded by the application; read by the audit plugin. */
    auditTag?: string;
  }
}

/** Reads what the cache plugin wrote (and the tag the caller seeded) and writes its own local. */
const auditCall: Middleware<'complete'> = (next) => async (request, ctx) => {
  const result = await next(request, ctx);
  const { cache, cacheSavings, auditTag } = ctx.locals;
  const saved = cacheSavings === undefined ? '' : ` saved ${cacheSavings.outputTokens} tokens`;
  ctx.locals.audit = { line: `${auditTag ?? '-'} ${cache ?? 'uncached'}${saved}` };
  return result;
};

/** A third-party plugin: outermost, so it sees what every other plugin left. */
const audit: Plugin = {
  name: 'audit',
  setup: (context) => context.wrap('complete', auditCall, { order: 'pre' }),
};

const ask = {
  model: 'sim-small',
  temperature: 0,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

async function drain(stream: AsyncIterable<StreamDelta>): Promise<void> {
  for await (const _ of stream);
}

describe('typed per-call locals', () => {
  it("a third-party plugin reads the cache plugin's typed locals, and the caller reads both", async () => {
    using dir = tempDir();
    await using t = await createTestHost({
      plugins: [audit, cachePlugin({ sqlitePath: join(dir.path, 'c.sqlite') })],
    });
    const first: CallLocals = { auditTag: 'req-1' };
    const answer = await t.host.complete(ask, { locals: first });
    const second: CallLocals = { auditTag: 'req-2' };
    await t.host.complete(ask, { locals: second });
    expect(first).toEqual({ auditTag: 'req-1', cache: 'miss', audit: { line: 'req-1 miss' } });
    expect(second.cache).toBe('hit');
    expect(second.cacheSavings).toMatchObject({ outputTokens: answer.usage.outputTokens });
    expect(second.audit?.line).toBe(`req-2 hit saved ${answer.usage.outputTokens} tokens`);
  });

  it('tells concurrent callers apart: one miss, the others shared, each in its own locals', async () => {
    using dir = tempDir();
    await using t = await createTestHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'c.sqlite') })],
    });
    const locals: CallLocals[] = [{}, {}, {}, {}];
    await Promise.all(locals.map((l) => t.host.complete(ask, { locals: l })));
    expect(locals.map((l) => l.cache).sort()).toEqual(['miss', 'shared', 'shared', 'shared']);
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('has the stream outcome in the caller locals from the first delta on', async () => {
    using dir = tempDir();
    await using t = await createTestHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'c.sqlite') })],
    });
    await drain(t.host.stream(ask));
    const locals: CallLocals = {};
    const seen: unknown[] = [];
    for await (const _ of t.host.stream(ask, { locals })) seen.push(locals.cache);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(['hit']));
    expect(locals.cacheSavings?.outputTokens).toBeGreaterThan(0);
  });

  it('gives each runTools step its own locals, the run one shared object otherwise', async () => {
    using dir = tempDir();
    let runs = 0;
    const lookup: Tool = { name: 'lookup', cacheable: true, run: () => ++runs };
    await using t = await createTestHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'c.sqlite'), tools: [lookup] })],
    });
    const a: CallLocals = {};
    const b: CallLocals = {};
    const shared: CallLocals = {};
    await t.host.runTools(
      [
        { id: 'a', tool: 'lookup', args: { q: 1 }, locals: a },
        { id: 'b', tool: 'lookup', args: { q: 1 }, dependsOn: ['a'], locals: b },
        { id: 'c', tool: 'lookup', args: { q: 2 }, dependsOn: ['b'] },
      ],
      { locals: shared },
    );
    expect([a.cache, b.cache, shared.cache]).toEqual(['miss', 'hit', 'miss']);
    expect(runs).toBe(2);
  });

  it('rejects locals that are not an object, before any plugin runs', async () => {
    await using t = await createTestHost({ plugins: [audit] });
    await expect(t.host.complete(ask, { locals: 'x' as never })).rejects.toMatchObject({
      code: 'HOTPATH_HOST_INVALID_ARGUMENT',
    });
    await expect(drain(t.host.stream(ask, { locals: null as never }))).rejects.toMatchObject({
      code: 'HOTPATH_HOST_INVALID_ARGUMENT',
    });
  });
});
