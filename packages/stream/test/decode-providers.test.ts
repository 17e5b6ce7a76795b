import { describe, expect, it } from 'vitest';
import { collect, decodeAnthropic, decodeOllama, decodeOpenAI } from '../src/index.ts';
import { anthropicEvent, bytes, every, openAIEvent, toArray } from './helpers.ts';

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

const anthropicStream = [
  anthropicEvent('message_start', {
    message: {
      id: 'msg_1',
      usage: { input_tokens: 5, cache_read_input_tokens: 100, output_tokens: 1 },
    },
  }),
  anthropicEvent('ping', {}),
  anthropicEvent('content_block_start', {
    index: 0,
    content_block: { type: 'thinking', thinking: '' },
  }),
  anthropicEvent('content_block_delta', {
    index: 0,
    delta: { type: 'thinking_delta', thinking: 'hm' },
  }),
  anthropicEvent('content_block_delta', {
    index: 0,
    delta: { type: 'signature_delta', signature: 's' },
  }),
  anthropicEvent('content_block_stop', { index: 0 }),
  anthropicEvent('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
  anthropicEvent('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Hi ' } }),
  anthropicEvent('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'café' } }),
  anthropicEvent('content_block_stop', { index: 1 }),
  anthropicEvent('content_block_start', {
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_1', name: 'get', input: {} },
  }),
  anthropicEvent('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"q":' },
  }),
  anthropicEvent('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '1}' },
  }),
  anthropicEvent('content_block_stop', { index: 2 }),
  anthropicEvent('message_delta', {
    delta: { stop_reason: 'tool_use' },
    usage: { output_tokens: 12 },
  }),
  anthropicEvent('message_stop', {}),
].join('');

const ollamaStream = [
  { message: { role: 'assistant', content: '', thinking: 'hm' }, done: false },
  { message: { role: 'assistant', content: 'Hi ' }, done: false },
  { message: { role: 'assistant', content: 'naïve' }, done: false },
  {
    message: {
      role: 'assistant',
      content: '',
      tool_calls: [{ function: { name: 'get', arguments: { q: 1 } } }],
    },
    done: false,
  },
  {
    message: { role: 'assistant', content: '' },
    done: true,
    done_reason: 'stop',
    prompt_eval_count: 7,
    eval_count: 4,
  },
]
  .map((line) => `${JSON.stringify(line)}\n`)
  .join('');

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

describe('decodeAnthropic', () => {
  it('maps thinking, text, tool use, usage with cache reads, then finish', async () => {
    const deltas = await toArray(decodeAnthropic(bytes(anthropicStream)));
    expect(deltas).toEqual([
      { type: 'reasoning', text: 'hm' },
      { type: 'text', text: 'Hi ' },
      { type: 'text', text: 'café' },
      { type: 'tool-call', index: 0, id: 'toolu_1', name: 'get', argumentsDelta: '' },
      { type: 'tool-call', index: 0, argumentsDelta: '{"q":' },
      { type: 'tool-call', index: 0, argumentsDelta: '1}' },
      { type: 'usage', usage: { inputTokens: 105, outputTokens: 12, cachedInputTokens: 100 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('gives the same result at every split', async () => {
    const whole = await collect(decodeAnthropic(bytes(anthropicStream)));
    expect(whole.toolCalls).toEqual([
      { index: 0, id: 'toolu_1', name: 'get', arguments: '{"q":1}' },
    ]);
    for (const size of [1, 5, 33]) {
      expect(await collect(decodeAnthropic(bytes(...every(anthropicStream, size))))).toEqual(whole);
    }
  });
});

describe('decodeOllama', () => {
  it('maps content, thinking, whole tool calls, usage and finish', async () => {
    const deltas = await toArray(decodeOllama(bytes(ollamaStream)));
    expect(deltas).toEqual([
      { type: 'reasoning', text: 'hm' },
      { type: 'text', text: 'Hi ' },
      { type: 'text', text: 'naïve' },
      { type: 'tool-call', index: 0, name: 'get', argumentsDelta: '{"q":1}' },
      { type: 'usage', usage: { inputTokens: 7, outputTokens: 4 } },
      { type: 'finish', reason: 'tool_calls' },
    ]);
  });

  it('gives the same result at every split, with CRLF lines too', async () => {
    const whole = await collect(decodeOllama(bytes(ollamaStream)));
    for (const size of [1, 4, 50]) {
      expect(await collect(decodeOllama(bytes(...every(ollamaStream, size))))).toEqual(whole);
    }
    const crlf = ollamaStream.replaceAll('\n', '\r\n');
    expect(await collect(decodeOllama(bytes(...every(crlf, 3))))).toEqual(whole);
  });
});
