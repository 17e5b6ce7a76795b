import { bytes, failure, serve } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider, decodeOpenAI, openaiDialect } from '../src/index.ts';
import { openAIEvent } from './events.ts';

const upstreamError = (field: RegExp) =>
  expect.objectContaining({
    code: 'HOTPATH_PROVIDER_UPSTREAM',
    cause: expect.objectContaining({ message: expect.stringMatching(field) }),
  });

describe('openai mapping of a wrong-typed upstream field', () => {
  it('a streamed usage.prompt_tokens of "x" fails the stream with HOTPATH_STREAM_MALFORMED_CHUNK', async () => {
    const events = [
      openAIEvent({ delta: { content: 'hi' } }),
      openAIEvent(null, { usage: { prompt_tokens: 'x', completion_tokens: 1 } }),
      'data: [DONE]\n\n',
    ].join('');
    const error = await failure(decodeOpenAI(bytes(events)));
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_MALFORMED_CHUNK' });
    expect(String((error as Error).cause)).toMatch(/usage\.prompt_tokens/);
  });

  it('a completion whose usage.prompt_tokens is "x" throws HOTPATH_PROVIDER_UPSTREAM', () => {
    const wire = {
      choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 'x', completion_tokens: 1 },
    };
    expect(() => openaiDialect.chat.result(wire, { model: 'm' })).toThrow(
      upstreamError(/usage\.prompt_tokens/),
    );
  });

  it('an embedding of "x" throws HOTPATH_PROVIDER_UPSTREAM instead of giving a vector of NaN', () => {
    const wire = { data: [{ index: 0, embedding: 'x' }] };
    expect(() => openaiDialect.embed!.result(wire, { model: 'm' })).toThrow(
      upstreamError(/embedding/),
    );
  });

  it('an embedding component that is not a finite number throws HOTPATH_PROVIDER_UPSTREAM', () => {
    const wire = { data: [{ index: 0, embedding: [0.5, '1'] }] };
    expect(() => openaiDialect.embed!.result(wire, { model: 'm' })).toThrow(
      upstreamError(/data\[\]\.embedding\[1\]/),
    );
  });
});

describe('an OpenAI-compatible upstream answering a streaming request with a 200 JSON error', () => {
  it('fails the stream with HOTPATH_PROVIDER_UPSTREAM carrying the redacted upstream message', async () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345';
    const upstream = await serve((req, res) => {
      req.resume().on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { message: `model overloaded (${key})`, type: 'server_error' } }),
        );
      });
    });
    const provider = createOpenAIProvider({ baseURL: upstream.url, apiKey: key });
    try {
      const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
      const error = await failure(provider.stream(request));
      expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_UPSTREAM', status: 200 });
      expect((error as { upstreamMessage: string }).upstreamMessage).toMatch(
        /^model overloaded \(/,
      );
      expect(String((error as Error).message)).not.toContain(key);
    } finally {
      await provider.close();
      await upstream.close();
    }
  });
});
