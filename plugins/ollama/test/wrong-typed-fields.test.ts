import { bytes, failure } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { decodeOllama, ollamaDialect } from '../src/index.ts';

const line = (value: object) => `${JSON.stringify(value)}\n`;

describe('ollama mapping of a wrong-typed upstream field', () => {
  it('a done line whose eval_count is "x" fails the stream with HOTPATH_STREAM_MALFORMED_CHUNK', async () => {
    const body = [
      line({ model: 'm', message: { role: 'assistant', content: 'hi' }, done: false }),
      line({
        model: 'm',
        message: { role: 'assistant', content: '' },
        done: true,
        eval_count: 'x',
      }),
    ].join('');
    const error = await failure(decodeOllama(bytes(body)));
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_MALFORMED_CHUNK' });
    expect(String((error as Error).cause)).toMatch(/eval_count/);
  });

  it('an answer whose eval_count is "x" throws HOTPATH_PROVIDER_UPSTREAM', () => {
    const wire = { message: { role: 'assistant', content: 'hi' }, done: true, eval_count: 'x' };
    expect(() => ollamaDialect.chat.result(wire, { model: 'm' })).toThrow(
      expect.objectContaining({
        code: 'HOTPATH_PROVIDER_UPSTREAM',
        cause: expect.objectContaining({ message: expect.stringMatching(/eval_count/) }),
      }),
    );
  });
});
