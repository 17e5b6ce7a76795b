import {
  assertWrongTypedFieldRefused,
  fieldPaths,
  type WrongTypedSample,
  type WrongTypedTarget,
} from '@hotpath/provider-kit/conformance';
import { anyJsonValue, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { it } from 'vitest';
import { ollamaDialect } from '../src/index.ts';

// Valid answers in which every field the Ollama dialect maps is present, once as NDJSON lines
// (`/api/chat` and `/api/generate` shapes) and once whole; the property swaps any one of their
// fields for any JSON value.

const call = { id: 'call_1', function: { index: 0, name: 'f', arguments: { q: 1 } } };
const done = { done: true, done_reason: 'stop', prompt_eval_count: 5, eval_count: 3 };

const target: WrongTypedTarget = {
  dialect: ollamaDialect,
  events: [
    { model: 'llama', message: { role: 'assistant', content: 'hi', thinking: 'r' }, done: false },
    { model: 'llama', response: 'yo', thinking: 'q', done: false },
    {
      model: 'llama',
      message: { role: 'assistant', content: '', tool_calls: [call] },
      done: false,
    },
    { model: 'llama', message: { role: 'assistant', content: '' }, ...done },
  ],
  frame: (events) => events.map((e) => `${JSON.stringify(e)}\n`).join(''),
  answer: {
    model: 'llama',
    message: { role: 'assistant', content: 'hi', thinking: 'r', tool_calls: [call] },
    ...done,
  },
  embeddings: { model: 'e', embeddings: [[0.5, -1], [2]], prompt_eval_count: 4 },
};

const field = fc.oneof(
  ...(['events', 'answer', 'embeddings'] as const).map((sample: WrongTypedSample) =>
    fc.tuple(fc.constant(sample), fc.constantFrom(...fieldPaths(target[sample]))),
  ),
);

it('any JSON value in any field of an Ollama answer maps to a well-typed result or a typed error', async () => {
  const property = fc.asyncProperty(field, anyJsonValue, ([sample, path], value) =>
    assertWrongTypedFieldRefused(target, sample, path, value),
  );
  for (const seed of propertySeeds('ollama wrong-typed fields'))
    await fc.assert(property, { seed, numRuns: 400 });
});
