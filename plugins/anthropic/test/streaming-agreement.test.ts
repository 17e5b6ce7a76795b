import {
  type ExpectedAnswer,
  loadRecordings,
  streamingAgreementCases,
} from '@hotpath/provider-kit/conformance';
import { describe, it } from 'vitest';
import { createAnthropicProvider } from '../src/index.ts';
import { STOP_REASONS } from './events.ts';

// Wire captures of the Messages API, each answer recorded streamed and not. See
// test/recordings/README.md.
const recordings = loadRecordings(new URL('./recordings', import.meta.url).pathname);

const plain = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
});
const expected: Record<string, ExpectedAnswer> = {
  'text-cache-read': {
    finishReason: 'stop',
    usage: {
      inputTokens: 14 + 2048,
      outputTokens: 24,
      cachedInputTokens: 2048,
      cacheWriteInputTokens: 0,
    },
    text: 'Le Mont Fuji (富士山) culmine à 3 776 m — le plus haut sommet du Japon 🗻.',
  },
  'thinking-cache-write': {
    finishReason: 'stop',
    usage: {
      inputTokens: 9 + 1536,
      outputTokens: 61,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 1536,
    },
    reasoning: 'The user wants 12% of 250. 250 × 0.12 = 30.',
    text: '12 % de 250 font **30**.',
  },
  'tool-use': {
    finishReason: 'tool_calls',
    usage: plain(472, 89),
    text: 'Let me check the weather.',
    toolCalls: [
      { name: 'get_weather', arguments: { location: 'San Francisco, CA', unit: 'fahrenheit' } },
    ],
  },
  'tool-use-no-input': {
    finishReason: 'tool_calls',
    usage: plain(565, 48),
    toolCalls: [{ name: 'refresh_issue_list', arguments: {} }],
  },
  'max-tokens': { finishReason: 'length', usage: plain(16, 8), text: 'Once upon a time, in a' },
  'stop-sequence': { finishReason: 'stop', usage: plain(21, 6), text: '1, 2, 3' },
  // A paused server-tool turn is not a finished answer: `other`, never `stop`.
  'pause-turn': {
    finishReason: 'other',
    usage: plain(2037, 93),
    text: 'I’ll search for that.',
    toolCalls: [],
  },
  refusal: { finishReason: 'content_filter', usage: plain(18, 5), text: '' },
  'context-window-exceeded': { finishReason: 'length', usage: plain(199_990, 10) },
};

describe('Anthropic dialect: every recorded answer, streamed and not, gives one result', () => {
  const cases = streamingAgreementCases({
    create: (url) => createAnthropicProvider({ baseURL: url, apiKey: 'sk-ant-recordings' }),
    recordings,
    expected,
    finishReasons: {
      all: STOP_REASONS,
      of: (wire) => (wire as { stop_reason: string }).stop_reason,
    },
  });
  for (const check of cases) it(check.name, () => check.run());
});
