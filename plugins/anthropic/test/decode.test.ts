import { collect } from '@hotpath/stream';
import { bytes, every, toArray } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { decodeAnthropic } from '../src/index.ts';
import { anthropicEvent } from './events.ts';

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
