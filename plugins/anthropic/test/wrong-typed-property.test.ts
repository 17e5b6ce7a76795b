import {
  assertWrongTypedFieldRefused,
  fieldPaths,
  type WrongTypedSample,
  type WrongTypedTarget,
} from '@hotpath/provider-kit/conformance';
import { anyJsonValue, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { it } from 'vitest';
import { anthropicDialect } from '../src/index.ts';

// Valid answers in which every field the Anthropic dialect maps is present, once as Messages
// events and once whole; the property swaps any one of their fields for any JSON value.

const usage = {
  input_tokens: 5,
  output_tokens: 1,
  cache_read_input_tokens: 2,
  cache_creation_input_tokens: 3,
};
const tool = { type: 'tool_use', id: 'toolu_1', name: 'f', input: { q: 1 } };

const target: WrongTypedTarget = {
  dialect: anthropicDialect,
  events: [
    { type: 'message_start', message: { id: 'msg', model: 'claude', usage } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'thinking', thinking: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'r' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { ...tool, input: {} } },
    {
      type: 'content_block_delta',
      index: 2,
      delta: { type: 'input_json_delta', partial_json: '{}' },
    },
    { type: 'content_block_stop', index: 2 },
    { type: 'content_block_start', index: 3, content_block: tool },
    { type: 'content_block_stop', index: 3 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 7 } },
    { type: 'message_stop' },
  ],
  frame: (events) => events.map((e) => `event: message\ndata: ${JSON.stringify(e)}\n\n`).join(''),
  answer: {
    id: 'msg',
    model: 'claude',
    content: [
      { type: 'text', text: 'hi' },
      { type: 'thinking', thinking: 'r', signature: 's' },
      tool,
    ],
    stop_reason: 'tool_use',
    usage,
  },
};

const field = fc.oneof(
  ...(['events', 'answer'] as const).map((sample: WrongTypedSample) =>
    fc.tuple(fc.constant(sample), fc.constantFrom(...fieldPaths(target[sample]))),
  ),
);

it('any JSON value in any field of an Anthropic answer maps to a well-typed result or a typed error', async () => {
  const property = fc.asyncProperty(field, anyJsonValue, ([sample, path], value) =>
    assertWrongTypedFieldRefused(target, sample, path, value),
  );
  for (const seed of propertySeeds('anthropic wrong-typed fields'))
    await fc.assert(property, { seed, numRuns: 400 });
});
