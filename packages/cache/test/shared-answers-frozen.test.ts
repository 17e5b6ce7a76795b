import { join } from 'node:path';
import {
  createCache,
  createSqliteStore,
  ResponseCache,
  StreamCache,
  ToolResultCache,
} from '@hotpath/cache';
import type { CompletionRequest, CompletionResult, StreamDelta } from '@hotpath/protocol';
import { expect, it } from 'vitest';
import { frozen } from '../src/llm/frozen.ts';
import { tempDir } from './helpers.ts';

// The LLM caches hand one stored answer to every caller: a caller editing its answer in place
// must fail loudly, never change what later callers get.

const request: CompletionRequest = {
  model: 'm',
  temperature: 0,
  messages: [{ role: 'user', content: 'hi' }],
};

const call = async (): Promise<CompletionResult> => ({
  model: 'm',
  message: { role: 'assistant', content: 'the answer' },
  usage: { inputTokens: 3, outputTokens: 2 },
  finishReason: 'stop',
});

function edit(result: CompletionResult): void {
  (result.message as { content: string }).content = 'changed by one caller';
}

it('response-cache answers (miss, hit, shared, read back from L2) are frozen: an edit throws and later hits are intact', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'answers.sqlite');
  await using cache = await createCache({ l2: await createSqliteStore({ path }) });
  const responses = new ResponseCache({ cache });
  const [first, joined] = await Promise.all([
    responses.complete(request, call),
    responses.complete(request, call),
  ]);
  expect([first.outcome, joined.outcome]).toEqual(['miss', 'shared']);
  expect(() => edit(first.result)).toThrow(TypeError);
  expect(() => edit(joined.result)).toThrow(TypeError);
  const hit = await responses.complete(request, call);
  expect(hit.outcome).toBe('hit');
  expect(() => edit(hit.result)).toThrow(TypeError);
  expect(hit.result.message.content).toBe('the answer');
  // The L2 write follows in the same turn of the loop.
  await new Promise((resolve) => setImmediate(resolve));
  // A second cache on the same file reads the answer back from L2: a new object, frozen too.
  await using other = await createCache({ l2: await createSqliteStore({ path }) });
  const fromL2 = await new ResponseCache({ cache: other }).complete(request, call);
  expect(fromL2.outcome).toBe('hit');
  expect(() => edit(fromL2.result)).toThrow(TypeError);
  expect(fromL2.result.message.content).toBe('the answer');
});

it('stream-cache deltas, live and replayed, are frozen', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const deltas: StreamDelta[] = [
    { type: 'text', text: 'Hi' },
    { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } },
    { type: 'finish', reason: 'stop' },
  ];
  const upstream = async function* () {
    yield* deltas.map((delta) => structuredClone(delta));
  };
  for (let round = 0; round < 2; round++) {
    for await (const delta of streams.stream(request, upstream)) {
      if (delta.type === 'text')
        expect(() => Object.assign(delta, { text: 'x' })).toThrow(TypeError);
      if (delta.type === 'usage') {
        expect(() => Object.assign(delta.usage, { outputTokens: 99 })).toThrow(TypeError);
      }
    }
  }
  const replayed: StreamDelta[] = [];
  for await (const delta of streams.stream(request, upstream)) replayed.push(delta);
  expect(replayed).toEqual(deltas);
});

it('tool results are frozen for every caller; primitives pass through', async () => {
  await using cache = await createCache();
  const tools = new ToolResultCache({ cache });
  const execute = async () => ({ files: ['a.ts'], stats: { lines: 3 } });
  const result = await tools.run('list', { dir: '.' }, execute);
  expect(() => result.files.push('b.ts')).toThrow(TypeError);
  expect(await tools.run('list', { dir: '.' }, execute)).toEqual({
    files: ['a.ts'],
    stats: { lines: 3 },
  });
  expect(await tools.run('count', {}, async () => 7)).toBe(7);
});

it('frozen() freezes plain objects and arrays deeply, leaves typed arrays, Maps and class instances, and survives cycles', () => {
  class Box {
    value = 1;
  }
  const cyclic: Record<string, unknown> = { bytes: new Uint8Array([1, 2]), map: new Map() };
  cyclic.self = cyclic;
  cyclic.box = new Box();
  cyclic.list = [{ deep: [{ deeper: {} }] }];
  expect(frozen(cyclic)).toBe(cyclic);
  expect(Object.isFrozen(cyclic)).toBe(true);
  expect(Object.isFrozen((cyclic.list as [{ deep: [{ deeper: object }] }])[0].deep[0].deeper)).toBe(
    true,
  );
  expect(Object.isFrozen(cyclic.bytes)).toBe(false);
  expect(Object.isFrozen(cyclic.box)).toBe(false);
  expect(frozen('text')).toBe('text');
  expect(frozen(null)).toBe(null);
});
