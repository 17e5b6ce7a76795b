import { assertDialectAgreement } from '@hotpath/provider-kit/conformance';
import { bodyCutAt, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ollamaDialect } from '../src/index.ts';

// Any /api/chat answer, written both ways: as NDJSON lines (thinking and content in pieces, each
// tool call whole, counts on the `done` line) and as one answer. Text and names range over every
// code point, lone surrogates included; arguments are any JSON object.

const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const call = fc.record({
  id: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
  name: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  arguments: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), {
    maxKeys: 3,
  }),
});
const answer = fc.record({
  thinking: fc.array(anyText, { maxLength: 4 }),
  content: fc.array(anyText, { maxLength: 6 }),
  calls: fc.array(call, { maxLength: 3 }),
  reason: fc.option(fc.constantFrom('stop', 'length', 'load', 'unload'), { nil: undefined }),
  prompt_eval_count: fc.nat(),
  eval_count: fc.nat(),
  bodyCuts: fc.array(fc.nat(), { maxLength: 6 }),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

const toolCall = (c: Answer['calls'][number]) => ({
  ...(c.id === undefined ? {} : { id: c.id }),
  function: { name: c.name, arguments: c.arguments },
});

function done(a: Answer): object {
  const { reason, prompt_eval_count, eval_count } = a;
  return { done: true, ...(reason ? { done_reason: reason } : {}), prompt_eval_count, eval_count };
}

function streamed(a: Answer): string {
  const line = (message: object, rest: object = { done: false }) =>
    `${JSON.stringify({ model: 'm', message: { role: 'assistant', ...message }, ...rest })}\n`;
  return [
    ...a.thinking.map((thinking) => line({ content: '', thinking })),
    ...a.content.map((content) => line({ content })),
    ...a.calls.map((c) => line({ content: '', tool_calls: [toolCall(c)] })),
    line({ content: '' }, done(a)),
  ].join('');
}

function whole(a: Answer): unknown {
  const message = {
    role: 'assistant',
    content: a.content.join(''),
    thinking: a.thinking.join(''),
    ...(a.calls.length > 0 ? { tool_calls: a.calls.map(toolCall) } : {}),
  };
  return { model: 'm', message, ...done(a) };
}

it('any answer decodes to the same result streamed (split anywhere) and not', async () => {
  const property = fc.asyncProperty(answer, async (a) => {
    const body = bodyCutAt(streamed(a), a.bodyCuts);
    const fromWhole = await assertDialectAgreement(ollamaDialect, body, whole(a));
    // The arguments as the wire carries them: JSON has no -0 (`JSON.stringify(-0)` is `0`).
    const sent = a.calls.map((c) => JSON.parse(JSON.stringify(c.arguments)));
    expect(fromWhole.message.toolCalls?.map((c) => JSON.parse(c.arguments)) ?? []).toEqual(sent);
  });
  for (const seed of propertySeeds('ollama agreement')) {
    await fc.assert(property, { seed, numRuns: 300 });
  }
});
