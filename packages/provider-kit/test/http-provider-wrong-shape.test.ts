import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompletionResult, EmbeddingResult } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import {
  createHttpProvider,
  ProviderBadRequestError,
  ProviderUpstreamError,
} from '../src/index.ts';

type ChatData = { choices: { message: { content: string } }[] };

/** Reads the answer as a careless dialect would. */
function carelessResult(data: ChatData, request: { model: string }): CompletionResult {
  return {
    model: request.model,
    message: { role: 'assistant', content: data.choices[0]!.message.content },
    usage: { inputTokens: 0, outputTokens: 0 },
    finishReason: 'stop',
  };
}

/** A provider with careless mappers, against a server on port 0 answering every call with `body`. */
async function providerAnswering(body: string, result = carelessResult) {
  const server = createServer((req, res) => {
    req
      .resume()
      .on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const provider = createHttpProvider({
    transport: {
      provider: 'careless',
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      headers: {},
      secrets: [],
    },
    complete: {
      path: '/chat',
      body: (request) => request,
      result,
    },
    embed: {
      path: '/embed',
      body: (request) => request,
      result: (data: { data: { embedding: number[] }[] }, request): EmbeddingResult => ({
        model: request.model,
        embeddings: data.data.map((d) => Float32Array.from(d.embedding)),
        usage: { inputTokens: 0 },
      }),
    },
    stream: { path: '/chat', body: (request) => request, decode: async function* () {} },
  });
  return {
    provider,
    [Symbol.asyncDispose]: async () => {
      await provider.close();
      server.close();
    },
  };
}

describe('an HTTP provider answered with valid JSON of the wrong shape', () => {
  it.each([['null'], ['{"choices":[]}'], ['{"choices":[{"message":null}]}']])(
    'rejects complete given %s with a typed upstream error, the mapper error as its cause',
    async (body) => {
      await using upstream = await providerAnswering(body);
      const error = await upstream.provider
        .complete({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderUpstreamError);
      expect((error as ProviderUpstreamError).status).toBe(200);
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    },
  );

  it.each([['null'], ['{"data":5}'], ['{"data":[null]}']])(
    'rejects embed given %s with a typed upstream error',
    async (body) => {
      await using upstream = await providerAnswering(body);
      await expect(upstream.provider.embed({ model: 'm', input: ['x'] })).rejects.toBeInstanceOf(
        ProviderUpstreamError,
      );
    },
  );

  it('passes on as it is a typed error the mapper throws', async () => {
    const refusal = new ProviderBadRequestError({ provider: 'careless', status: 200 });
    await using upstream = await providerAnswering('{}', () => {
      throw refusal;
    });
    await expect(
      upstream.provider.complete({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBe(refusal);
  });
});
