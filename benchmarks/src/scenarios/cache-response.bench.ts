// A response-cache hit for a 4 KB chat request: canonicalise, hash (SHA-256), L1 lookup.

import type { Scenario } from '@hotpath/bench';
import { type Cache, createCache, ResponseCache, requestKey, sha256 } from '@hotpath/cache';
import type { CompletionRequest, CompletionResult } from '@hotpath/protocol';

function chatRequest(): CompletionRequest {
  const filler = 'The quick brown fox jumps over the lazy dog. ';
  const messages = [
    { role: 'system' as const, content: filler.repeat(20) },
    { role: 'user' as const, content: filler.repeat(30) },
    { role: 'assistant' as const, content: filler.repeat(20) },
    { role: 'user' as const, content: filler.repeat(18) },
  ];
  return {
    model: 'gpt-4o-mini',
    temperature: 0,
    maxTokens: 512,
    messages,
    metadata: { requestId: 'r-1' },
  };
}

function scenario(): Scenario {
  const request = chatRequest();
  const size = JSON.stringify(request).length;
  let cache: Cache;
  let responses: ResponseCache;
  const result: CompletionResult = {
    model: 'gpt-4o-mini',
    message: { role: 'assistant', content: 'cached answer' },
    usage: { inputTokens: 900, outputTokens: 100 },
    finishReason: 'stop',
  };
  const call = async (): Promise<CompletionResult> => result;
  return {
    name: `cache: response-cache hit for a ${(size / 1024).toFixed(1)} KB chat request (canonicalise + SHA-256 + L1)`,
    setup: async () => {
      cache = await createCache();
      responses = new ResponseCache({ cache });
      await responses.complete(request, call);
    },
    teardown: () => cache.close(),
    tasks: {
      'hotpath response-cache hit': () => responses.complete(request, call),
      'hotpath key only (canonicalise + hash)': () => requestKey(request, 'tenant', sha256),
      '10 µs budget (busy wait)': () => {
        const end = performance.now() + 0.01;
        while (performance.now() < end);
      },
    },
    targets: [{ task: 'hotpath response-cache hit', peer: '10 µs budget (busy wait)', min: 1 }],
  };
}

export default scenario();
