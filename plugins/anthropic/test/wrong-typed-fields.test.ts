import { collect } from '@hotpath/stream';
import { bytes, failure } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { anthropicDialect, decodeAnthropic } from '../src/index.ts';
import { anthropicEvent } from './events.ts';

describe('anthropic mapping of a wrong-typed upstream field', () => {
  it('a text_delta whose text is a number fails the stream with HOTPATH_STREAM_MALFORMED_CHUNK', async () => {
    const events = [
      anthropicEvent('message_start', { message: { id: 'm', usage: { input_tokens: 1 } } }),
      anthropicEvent('content_block_start', {
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
      anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 5 } }),
      anthropicEvent('message_stop', {}),
    ].join('');
    const error = await failure(decodeAnthropic(bytes(events)));
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_MALFORMED_CHUNK' });
    expect(String((error as Error).cause)).toMatch(/delta\.text/);
  });

  it('a message whose usage.output_tokens is a string throws HOTPATH_PROVIDER_UPSTREAM naming the field', () => {
    const wire = { content: [{ type: 'text', text: 'hi' }], usage: { output_tokens: 'x' } };
    expect(() => anthropicDialect.chat.result(wire, { model: 'm' })).toThrow(
      expect.objectContaining({
        code: 'HOTPATH_PROVIDER_UPSTREAM',
        cause: expect.objectContaining({ message: expect.stringMatching(/usage\.output_tokens/) }),
      }),
    );
  });

  it('a well-typed stream still decodes', async () => {
    const events = [
      anthropicEvent('content_block_delta', {
        index: 0,
        delta: { type: 'text_delta', text: 'ok' },
      }),
      anthropicEvent('message_stop', {}),
    ].join('');
    expect((await collect(decodeAnthropic(bytes(events)))).text).toBe('ok');
  });
});
