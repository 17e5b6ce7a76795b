import { collect, MalformedChunkError, StreamArgumentError } from '@hotpath/stream';
import { bytes, failure } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { decodeOpenAI } from '../src/index.ts';
import { openAIEvent } from './events.ts';

const DONE = 'data: [DONE]\n\n';

async function textOf(...events: string[]): Promise<string> {
  return (await collect(decodeOpenAI(bytes(events.join('') + DONE)))).text;
}

describe('decodeOpenAI reads every chunk shape the same as JSON.parse would', () => {
  it('content with escapes, quotes, unicode escapes and backslashes', async () => {
    const samples = [
      'say "hi"',
      'a\\b',
      'line\nbreak',
      'tab\t',
      '\u00e9\u6771 \ud83d\ude80',
      '"',
      '\\',
      '}]',
    ];
    expect(await textOf(...samples.map((content) => openAIEvent({ delta: { content } })))).toBe(
      samples.join(''),
    );
  });

  it('content that looks like the chunk syntax', async () => {
    const tricky = '"choices":[{"index":0}],"usage":null}';
    expect(await textOf(openAIEvent({ delta: { content: tricky } }))).toBe(tricky);
  });

  it('members after choices: usage null, obfuscation, service tier', async () => {
    const events = [
      openAIEvent({ delta: { content: 'a' } }, { usage: null }),
      openAIEvent({ delta: { content: 'b' } }, { obfuscation: 'xQ9' }),
      openAIEvent({ delta: { content: 'c' } }, { service_tier: 'default', usage: null }),
    ];
    expect(await textOf(...events)).toBe('abc');
  });

  it('content and finish reason in one chunk', async () => {
    const result = await collect(
      decodeOpenAI(
        bytes(openAIEvent({ delta: { content: 'end' }, finish_reason: 'length' }) + DONE),
      ),
    );
    expect(result).toMatchObject({ text: 'end', finishReason: 'length' });
  });

  it('a nested "choices" key after the real one', async () => {
    const data =
      '{"choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}],"meta":{"choices":[{"index":0,"delta":{"content":"y"},"logprobs":null,"finish_reason":null}]}}';
    expect(await textOf(`data: ${data}\n\n`)).toBe('x');
  });

  it('fails on JSON that breaks inside or outside choices', async () => {
    const broken = [
      'data: {"id":"1","choices":[{"index":0,"delta":{"content":"x},"logprobs":null,"finish_reason":null}]}\n\n',
      'data: {"id":"1","choices":[{"index":0,"delta":{"content":"x"},"logprobs":null,"finish_reason":null}]\n\n',
      'data: {"id":"1","choices":[{"index":0,"delta":{"content":"x"}}],"usage":{"prompt_tokens":}}\n\n',
      'data: {"id":\n\n',
    ];
    for (const event of broken) {
      const error = await failure(decodeOpenAI(bytes(event + DONE)));
      expect(error).toBeInstanceOf(MalformedChunkError);
    }
  });
});

describe('bad arguments', () => {
  it('throw a TypeError with code HOTPATH_STREAM_INVALID_ARGUMENT naming the argument', () => {
    expect(() => decodeOpenAI(null as never)).toThrow(StreamArgumentError);
    expect(() => decodeOpenAI(null as never)).toThrow(/decodeOpenAI\(body\)/);
    expect(() => decodeOpenAI(bytes(), { maxEventSize: 0 })).toThrow(/maxEventSize/);
    try {
      decodeOpenAI(42 as never);
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ code: 'HOTPATH_STREAM_INVALID_ARGUMENT' });
    }
  });
});
