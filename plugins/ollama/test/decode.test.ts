import { collect } from '@hotpath/stream';
import { bytes, every, toArray } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { decodeOllama } from '../src/index.ts';

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

describe('decodeOllama', () => {
  it('maps content, thinking, whole tool calls, usage and finish', async () => {
    const deltas = await toArray(decodeOllama(bytes(ollamaStream)));
    expect(deltas).toEqual([
      { type: 'reasoning', text: 'hm' },
      { type: 'text', text: 'Hi ' },
      { type: 'text', text: 'naïve' },
      { type: 'tool-call', index: 0, id: 'call_0', name: 'get', argumentsDelta: '{"q":1}' },
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
