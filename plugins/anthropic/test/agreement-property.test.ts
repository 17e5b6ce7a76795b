import { assertDialectAgreement } from '@hotpath/provider-kit/conformance';
import { bodyCutAt, fragments, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { anthropicDialect } from '../src/index.ts';
import { anthropicEvent, STOP_REASONS } from './events.ts';

// Any Messages answer, written both ways: as SSE events and as one `message`. Blocks come in any
// order; text, thinking and tool names range over every code point, lone surrogates included;
// tool inputs are any JSON object (empty ones too), streamed as `partial_json` cut anywhere.

const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const block = fc.oneof(
  fc.record({ type: fc.constant('text' as const), parts: fc.array(anyText, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('thinking' as const), parts: fc.array(anyText, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant('tool_use' as const),
    name: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    input: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 3,
    }),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
  }),
);
const usage = fc.record({
  input_tokens: fc.nat(),
  output_tokens: fc.nat(),
  cache_read_input_tokens: fc.nat(),
  cache_creation_input_tokens: fc.nat(),
});
const answer = fc.record({
  blocks: fc.array(block, { maxLength: 5 }),
  stop: fc.constantFrom(...STOP_REASONS, 'x'),
  usage,
  bodyCuts: fc.array(fc.nat(), { maxLength: 6 }),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;
type Block = Answer['blocks'][number];

function blockEvents(b: Block, index: number): string[] {
  const delta = (d: object) => anthropicEvent('content_block_delta', { index, delta: d });
  if (b.type === 'tool_use') {
    const start = { type: 'tool_use', id: `toolu_${index}`, name: b.name, input: {} };
    const json = Object.keys(b.input).length === 0 ? '' : JSON.stringify(b.input);
    return [
      anthropicEvent('content_block_start', { index, content_block: start }),
      ...fragments(json, b.cuts).map((p) => delta({ type: 'input_json_delta', partial_json: p })),
    ];
  }
  const start = b.type === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '' };
  return [
    anthropicEvent('content_block_start', { index, content_block: start }),
    ...b.parts.map((part) =>
      delta(
        b.type === 'text'
          ? { type: 'text_delta', text: part }
          : { type: 'thinking_delta', thinking: part },
      ),
    ),
  ];
}

function streamed(a: Answer): string {
  const { output_tokens, ...start } = a.usage;
  const events = [
    anthropicEvent('message_start', {
      message: { id: 'msg', usage: { ...start, output_tokens: 1 } },
    }),
  ];
  a.blocks.forEach((b, index) => {
    events.push(...blockEvents(b, index), anthropicEvent('content_block_stop', { index }));
  });
  const end = { delta: { stop_reason: a.stop, stop_sequence: null }, usage: { output_tokens } };
  events.push(anthropicEvent('message_delta', end), anthropicEvent('message_stop', {}));
  return events.join('');
}

function whole(a: Answer): unknown {
  const content = a.blocks.map((b, index) => {
    if (b.type === 'tool_use')
      return { type: 'tool_use', id: `toolu_${index}`, name: b.name, input: b.input };
    const text = b.parts.join('');
    return b.type === 'text'
      ? { type: 'text', text }
      : { type: 'thinking', thinking: text, signature: 's' };
  });
  return { id: 'msg', content, stop_reason: a.stop, usage: a.usage };
}

it('any answer decodes to the same result streamed (split anywhere) and not', async () => {
  const property = fc.asyncProperty(answer, async (a) => {
    const body = bodyCutAt(streamed(a), a.bodyCuts);
    const fromWhole = await assertDialectAgreement(anthropicDialect, body, whole(a));
    expect(fromWhole.usage.inputTokens).toBe(
      a.usage.input_tokens + a.usage.cache_read_input_tokens + a.usage.cache_creation_input_tokens,
    );
  });
  for (const seed of propertySeeds('anthropic agreement')) {
    await fc.assert(property, { seed, numRuns: 300 });
  }
});
