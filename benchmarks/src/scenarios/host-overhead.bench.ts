// Cost of a five-layer pass-through middleware chain per completion call, against calling the
// provider directly, the AI SDK's wrapLanguageModel, and hookable with five hooks.
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import type { Scenario } from '@hotpath/bench';
import { createHost } from '@hotpath/host';
import type { CompletionRequest, Plugin } from '@hotpath/protocol';
import { wrapLanguageModel } from 'ai';
import { createHooks } from 'hookable';
import { instantProvider, instantRequest } from '../fixtures/instant-provider.ts';

const CALLS = 1_000;
const LAYERS = 5;
const request = instantRequest;
const provider = instantProvider();

const passThrough = (i: number): Plugin => ({
  name: `pass-${i}`,
  setup: (context) => context.wrap('complete', (next) => (req, ctx) => next(req, ctx)),
});
const host = createHost({
  provider,
  plugins: Array.from({ length: LAYERS }, (_, i) => passThrough(i)),
});

const aiModel: LanguageModelV4 = {
  specificationVersion: 'v4',
  provider: 'instant',
  modelId: 'm',
  supportedUrls: {},
  doGenerate: async () => ({
    content: [{ type: 'text', text: 'ok' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 1, text: 1, reasoning: 0 },
    },
    warnings: [],
  }),
  doStream: () => Promise.reject(new Error('not used')),
};
const aiWrapped = wrapLanguageModel({
  model: aiModel,
  middleware: Array.from({ length: LAYERS }, () => ({
    specificationVersion: 'v4' as const,
    wrapGenerate: ({
      doGenerate,
    }: {
      doGenerate: () => ReturnType<LanguageModelV4['doGenerate']>;
    }) => doGenerate(),
  })),
});
const aiOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
} as LanguageModelV4CallOptions;

const hooks = createHooks<{ complete: (req: CompletionRequest) => void }>();
for (let i = 0; i < LAYERS; i++) hooks.hook('complete', () => {});

async function repeat(call: () => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < CALLS; i++) await call();
}

const scenario: Scenario = {
  name: `host: ${LAYERS} pass-through middleware layers around an instant provider (calls/s)`,
  itemsPerCall: CALLS,
  setup: () => host.ready(),
  tasks: {
    'hotpath host.complete': () => repeat(() => host.complete(request)),
    'provider.complete (direct)': () => repeat(() => provider.complete(request)),
    'ai wrapLanguageModel': () => repeat(() => aiWrapped.doGenerate(aiOptions)),
    'hookable callHook + provider': () =>
      repeat(async () => {
        await hooks.callHook('complete', request);
        return provider.complete(request);
      }),
  },
  targets: [
    { task: 'hotpath host.complete', peer: 'ai wrapLanguageModel', min: 1 },
    { task: 'hotpath host.complete', peer: 'hookable callHook + provider', min: 1 },
  ],
};

export default scenario;
