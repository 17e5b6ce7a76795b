import {
  assertWrongTypedFieldRefused,
  fieldPaths,
  type WrongTypedSample,
  type WrongTypedTarget,
} from '@hotpath/provider-kit/conformance';
import { anyJsonValue, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { it } from 'vitest';
import { openaiDialect } from '../src/index.ts';

// Valid answers in which every field the OpenAI dialect maps is present, once streamed (each
// kind of chunk) and once whole; the property swaps any one of their fields for any JSON value.

const toolCall = {
  index: 0,
  id: 'call_a',
  type: 'function',
  function: { name: 'f', arguments: '{}' },
};
const usage = {
  prompt_tokens: 9,
  completion_tokens: 4,
  prompt_tokens_details: { cached_tokens: 2 },
  completion_tokens_details: { reasoning_tokens: 1 },
};
const chunk = (choice: object, extra: object = {}) => ({
  id: 'c',
  model: 'gpt',
  choices: [{ index: 0, finish_reason: null, ...choice }],
  ...extra,
});

const target: WrongTypedTarget = {
  dialect: openaiDialect,
  events: [
    chunk({ delta: { role: 'assistant', content: 'hi', reasoning_content: 'r', reasoning: 'q' } }),
    chunk({ delta: { tool_calls: [toolCall] } }),
    chunk({ delta: { tool_calls: [{ index: 0, function: { arguments: '"x"' } }] } }),
    chunk({ delta: {}, finish_reason: 'tool_calls' }),
    { id: 'c', choices: [], usage },
  ],
  frame: (events) =>
    `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`,
  answer: {
    id: 'c',
    model: 'gpt',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'hi',
          reasoning_content: 'r',
          tool_calls: [toolCall],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage,
  },
  embeddings: {
    model: 'e',
    data: [
      { index: 1, embedding: [0.5, -1] },
      { index: 0, embedding: 'AACAPwAAAEA=' },
    ],
    usage: { prompt_tokens: 3 },
  },
};

const field = fc.oneof(
  ...(['events', 'answer', 'embeddings'] as const).map((sample: WrongTypedSample) =>
    fc.tuple(fc.constant(sample), fc.constantFrom(...fieldPaths(target[sample]))),
  ),
);

it('any JSON value in any field of an OpenAI answer maps to a well-typed result or a typed error', async () => {
  const property = fc.asyncProperty(field, anyJsonValue, ([sample, path], value) =>
    assertWrongTypedFieldRefused(target, sample, path, value),
  );
  for (const seed of propertySeeds('openai wrong-typed fields'))
    await fc.assert(property, { seed, numRuns: 400 });
});
