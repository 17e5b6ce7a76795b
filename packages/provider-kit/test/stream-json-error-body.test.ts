import { serve } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { createHttpProvider, type DecoderOptions } from '../src/index.ts';

const KEY = 'sk-secret-key-1234567890';

/** A provider whose decoder hands on the body's text as it came, one delta per chunk. */
async function providerAnswering(contentType: string, body: string) {
  const server = await serve((req, res) => {
    req.resume().on('end', () => res.writeHead(200, { 'content-type': contentType }).end(body));
  });
  const provider = createHttpProvider({
    transport: { provider: 'compat', baseURL: server.url, headers: {}, secrets: [KEY] },
    complete: { path: '/chat', body: (r) => r, result: () => ({}) as never },
    stream: {
      path: '/chat',
      body: (r) => r,
      decode: async function* (source: AsyncIterable<Uint8Array>, _: DecoderOptions) {
        const decoder = new TextDecoder();
        for await (const chunk of source)
          yield { type: 'text' as const, text: decoder.decode(chunk, { stream: true }) };
      },
    },
  });
  return {
    provider,
    [Symbol.asyncDispose]: async () => {
      await provider.close();
      await server.close();
    },
  };
}

async function streamFailure(provider: { stream: (r: never) => AsyncIterable<unknown> }) {
  try {
    for await (const _ of provider.stream({ model: 'm', messages: [] } as never));
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

describe('a streaming request answered with a 200 JSON body', () => {
  it('is the provider’s typed upstream error carrying the redacted upstream message', async () => {
    const body = JSON.stringify({
      error: { message: `quota exceeded for key ${KEY}`, type: 'server_error' },
    });
    await using up = await providerAnswering('application/json; charset=utf-8', body);
    const error = await streamFailure(up.provider);
    expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_UPSTREAM', status: 200 });
    const { upstreamMessage } = error as { upstreamMessage: string };
    expect(upstreamMessage).toMatch(/^quota exceeded for key /);
    expect(upstreamMessage).not.toContain(KEY);
  });

  it.each([
    ['an event-stream answer', 'text/event-stream', '{"error":{"message":"x"}}'],
    ['a JSON-labelled body without an error member', 'application/json', '{"text":"ok"}\n'],
    ['a JSON-labelled body past the inspected size', 'application/json', 'x'.repeat(200_000)],
  ])('hands %s to the decoder unchanged', async (_, contentType, body) => {
    await using up = await providerAnswering(contentType, body);
    let text = '';
    for await (const delta of up.provider.stream({ model: 'm', messages: [] } as never))
      if (delta.type === 'text') text += delta.text;
    expect(text).toBe(body);
  });
});
