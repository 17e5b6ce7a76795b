import {
  type ExpectedAnswer,
  loadRecordings,
  streamingAgreementCases,
} from '@hotpath/provider-kit/conformance';
import { describe, it } from 'vitest';
import { createOllamaProvider } from '../src/index.ts';

// Wire captures of Ollama's /api/chat, each answer recorded streamed and not. Ollama reports
// no cache or reasoning token counts. See test/recordings/README.md.
const recordings = loadRecordings(new URL('./recordings', import.meta.url).pathname);

const expected: Record<string, ExpectedAnswer> = {
  text: {
    finishReason: 'stop',
    usage: { inputTokens: 26, outputTokens: 13 },
    text: 'Die Zugspitze ist mit 2 962 m der höchste Berg Deutschlands ⛰️.',
  },
  thinking: {
    finishReason: 'stop',
    usage: { inputTokens: 19, outputTokens: 42 },
    reasoning: 'Okay, 144 is 12².',
    text: '√144 = **12**.',
  },
  'tool-call': {
    finishReason: 'tool_calls',
    usage: { inputTokens: 169, outputTokens: 15 },
    toolCalls: [{ name: 'get_weather', arguments: { city: 'Tokyo', unit: 'celsius' } }],
  },
  'tool-call-no-arguments': {
    finishReason: 'tool_calls',
    usage: { inputTokens: 98, outputTokens: 9 },
    toolCalls: [{ name: 'list_open_issues', arguments: {} }],
  },
  length: { finishReason: 'length', usage: { inputTokens: 30, outputTokens: 8 } },
  load: { finishReason: 'other', usage: { inputTokens: 0, outputTokens: 0 }, text: '' },
};

describe('Ollama dialect: every recorded answer, streamed and not, gives one result', () => {
  const cases = streamingAgreementCases({
    create: (url) => createOllamaProvider({ baseURL: url }),
    recordings,
    expected,
    finishReasons: {
      all: ['stop', 'length', 'load'],
      of: (wire) => (wire as { done_reason: string }).done_reason,
    },
  });
  for (const check of cases) it(check.name, () => check.run());
});
