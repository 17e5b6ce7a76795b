import { assertDialectAgreement } from '@hotpath/provider-kit/conformance';
import { bodyCutAt, fragments, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { openaiDialect } from '../src/index.ts';

// Any answer an OpenAI-compatible server can send, written both ways: as `chat.completion.chunk`
// events and as one `chat.completion`. Text, reasoning and tool names range over every code
// point, lone surrogates included; tool arguments are any JSON, cut into fragments anywhere.

const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const tool = fc.record({
  name: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  args: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
});
const answer = fc.record({
  reasoning: fc.array(anyText, { maxLength: 4 }),
  text: fc.array(anyText, { maxLength: 6 }),
  tools: fc.array(tool, { maxLength: 3 }),
  finish: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'function_call', 'x'),
  usage: fc.option(
    fc.record({
      prompt_tokens: fc.nat(),
      completion_tokens: fc.nat(),
      prompt_tokens_details: fc.record({ cached_tokens: fc.nat() }),
    }),
    { nil: undefined },
  ),
  bodyCuts: fc.array(fc.nat(), { maxLength: 6 }),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

function chunk(delta: object | null, extra: object = {}): string {
  const choices = delta === null ? [] : [{ index: 0, delta, logprobs: null, finish_reason: null }];
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
}

function streamed(a: Answer): string {
  const events = [chunk({ role: 'assistant', content: '' })];
  for (const text of a.reasoning) events.push(chunk({ reasoning_content: text }));
  for (const text of a.text) events.push(chunk({ content: text }));
  a.tools.forEach((t, index) => {
    fragments(t.args, t.cuts).forEach((args, i) => {
      const head = i === 0 ? { id: `call_${index}`, type: 'function' } : {};
      const fn = i === 0 ? { name: t.name, arguments: args } : { arguments: args };
      events.push(chunk({ tool_calls: [{ index, ...head, function: fn }] }));
    });
  });
  const last = { choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: a.finish }] };
  events.push(`data: ${JSON.stringify({ id: 'c', ...last })}\n\n`);
  if (a.usage !== undefined) events.push(chunk(null, { usage: a.usage }));
  return `${events.join('')}data: [DONE]\n\n`;
}

function whole(a: Answer): unknown {
  const calls = a.tools.map((t, index) => ({
    id: `call_${index}`,
    type: 'function',
    function: { name: t.name, arguments: t.args },
  }));
  const message = {
    role: 'assistant',
    content: a.text.join('') || null,
    reasoning_content: a.reasoning.join('') || null,
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
  };
  return { id: 'c', choices: [{ index: 0, message, finish_reason: a.finish }], usage: a.usage };
}

it('any answer decodes to the same result streamed (split anywhere) and not', async () => {
  const property = fc.asyncProperty(answer, async (a) => {
    const body = bodyCutAt(streamed(a), a.bodyCuts);
    const fromWhole = await assertDialectAgreement(openaiDialect, body, whole(a));
    expect(fromWhole.message.content).toBe(a.text.join(''));
    expect(fromWhole.message.toolCalls?.map((c) => c.arguments) ?? []).toEqual(
      a.tools.map((t) => t.args),
    );
  });
  for (const seed of propertySeeds('openai agreement')) {
    await fc.assert(property, { seed, numRuns: 300 });
  }
});
