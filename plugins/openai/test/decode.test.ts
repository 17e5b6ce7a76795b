import { collect } from '@hotpath/stream';
import { bytes, every, toArray } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { decodeOpenAI } from '../src/index.ts';
import { openAIEvent } from './events.ts';

const openAIStream = [
  openAIEvent({ delta: { role: 'assistant', content: '' } }),
  openAIEvent({ delta: { reasoning_content: 'think' } }),
  openAIEvent({ delta: { content: 'Héllo ' } }),
  openAIEvent({ delta: { content: '東京 🚀' } }, { usage: null }),
  openAIEvent({
    delta: {
      tool_calls: [
        { index: 0, id: 'call_a', type: 'function', function: { name: 'get', arguments: '' } },
      ],
    },
  }),
  openAIEvent({ delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] } }),
  openAIEvent({
    delta: {
      tool_calls: [
        { index: 1, id: 'call_b', type: 'function', function: { name: 'put', arguments: '{}' } },
      ],
    },
  }),
  openAIEvent({ delta: { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] } }),
  openAIEvent({ delta: {}, finish_reason: 'tool_calls' }, { service_tier: 'default' }),
  openAIEvent(null, {
    usage: {
      prompt_tokens: 20,
      completion_tokens: 9,
      prompt_tokens_details: { cached_tokens: 16 },
      completion_tokens_details: { reasoning_tokens: 3 },
    },
  }),
  'data: [DONE]\n\n',
].join('');

describe('decodeOpenAI', () => {
  it('maps text, reasoning, tool-call fragments, usage with cached tokens, then finish', async () => {
    const deltas = await toArray(decodeOpenAI(bytes(openAIStream)));
    expect(deltas.map((d) => d.type)).toEqual([
      'reasoning',
      'text',
      'text',
      'tool-call',
      'tool-call',
      'tool-call',
      'tool-call',
      'usage',
      'finish',
    ]);
    expect(deltas[3]).toEqual({
      type: 'tool-call',
      index: 0,
      id: 'call_a',
      name: 'get',
      argumentsDelta: '',
    });
    expect(deltas[4]).toEqual({ type: 'tool-call', index: 0, argumentsDelta: '{"q":' });
    expect(deltas.at(-2)).toEqual({
      type: 'usage',
      usage: { inputTokens: 20, outputTokens: 9, cachedInputTokens: 16, reasoningTokens: 3 },
    });
    expect(deltas.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' });
  });

  it('assembles tool calls by index, the same at any split', async () => {
    const whole = await collect(decodeOpenAI(bytes(openAIStream)));
    expect(whole.text).toBe('Héllo 東京 🚀');
    expect(whole.reasoning).toBe('think');
    expect(whole.toolCalls).toEqual([
      { index: 0, id: 'call_a', name: 'get', arguments: '{"q":"x"}' },
      { index: 1, id: 'call_b', name: 'put', arguments: '{}' },
    ]);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await collect(decodeOpenAI(bytes(...every(openAIStream, size))))).toEqual(whole);
    }
  });

  it('maps finish reasons', async () => {
    const reasons = ['stop', 'length', 'content_filter', 'function_call', 'weird'];
    const got = [];
    for (const reason of reasons) {
      const body = `${openAIEvent({ delta: {}, finish_reason: reason })}data: [DONE]\n\n`;
      got.push((await collect(decodeOpenAI(bytes(body)))).finishReason);
    }
    expect(got).toEqual(['stop', 'length', 'content_filter', 'tool_calls', 'other']);
  });

  it('reads chunks whose members come in any order or with nested choices keys', async () => {
    const odd = [
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}],"id":"x"}\n\n',
      'data: {"meta":{"choices":[1]},"choices":[{"index":0,"delta":{"content":"b"}}]}\n\n',
      'data: { "choices" : [ {"delta": {"content": "c"}} ] , "usage" : {"prompt_tokens":1,"completion_tokens":3} }\n\n',
      'data: [DONE]\n\n',
    ].join('');
    const result = await collect(decodeOpenAI(bytes(odd)));
    expect(result.text).toBe('abc');
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 3 });
  });
});
