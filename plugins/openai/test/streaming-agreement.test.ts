import {
  type ExpectedAnswer,
  loadRecordings,
  streamingAgreementCases,
} from '@hotpath/provider-kit/conformance';
import { describe, it } from 'vitest';
import { createOpenAIProvider } from '../src/index.ts';

// Wire captures of OpenAI and of an OpenAI-compatible server (DeepSeek's reasoning_content),
// each answer recorded streamed and not. See test/recordings/README.md.
const recordings = loadRecordings(new URL('./recordings', import.meta.url).pathname);

const zeroDetails = { cachedInputTokens: 0, reasoningTokens: 0 };
const expected: Record<string, ExpectedAnswer> = {
  'text-cached-prompt': {
    finishReason: 'stop',
    usage: { inputTokens: 2006, outputTokens: 17, cachedInputTokens: 1920, reasoningTokens: 0 },
    text: 'Bonjour! Tokyo (東京) is  the capital of Japan 🗼. Its name means "eastern capital".',
  },
  length: { finishReason: 'length', usage: { inputTokens: 31, outputTokens: 8, ...zeroDetails } },
  'content-filter': {
    finishReason: 'content_filter',
    usage: { inputTokens: 45, outputTokens: 4, ...zeroDetails },
  },
  'tool-call': {
    finishReason: 'tool_calls',
    usage: { inputTokens: 82, outputTokens: 22, ...zeroDetails },
    text: '',
    toolCalls: [{ name: 'get_weather', arguments: { location: 'Paris, France', unit: 'celsius' } }],
  },
  'tool-call-no-arguments': {
    finishReason: 'tool_calls',
    usage: { inputTokens: 64, outputTokens: 11, ...zeroDetails },
    toolCalls: [{ name: 'list_open_issues', arguments: {} }],
  },
  'parallel-tool-calls': {
    finishReason: 'tool_calls',
    usage: { inputTokens: 140, outputTokens: 47, ...zeroDetails },
    toolCalls: [
      { name: 'get_weather', arguments: { location: 'Kyōto' } },
      { name: 'get_time', arguments: { timezone: 'Asia/Tokyo' } },
    ],
  },
  'reasoning-content': {
    finishReason: 'stop',
    usage: { inputTokens: 57, outputTokens: 40, cachedInputTokens: 32, reasoningTokens: 28 },
    reasoning: 'The user asks 17 × 23. 17×20=340, 17×3=51, so 391.',
    text: '17 × 23 = **391**.',
  },
};

describe('OpenAI dialect: every recorded answer, streamed and not, gives one result', () => {
  const cases = streamingAgreementCases({
    create: (url) => createOpenAIProvider({ baseURL: `${url}/v1`, apiKey: 'sk-recordings' }),
    recordings,
    expected,
    finishReasons: {
      all: ['stop', 'length', 'tool_calls', 'content_filter'],
      of: (wire) => (wire as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason,
    },
  });
  for (const check of cases) it(check.name, () => check.run());
});
