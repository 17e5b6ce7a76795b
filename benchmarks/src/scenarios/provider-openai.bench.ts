// The OpenAI plugin against the official SDK and raw undici, on the same simulator streams.

import type { Scenario } from '@hotpath/bench';
import { createOpenAIProvider } from '@hotpath/plugin-openai';
import type { CompletionRequest } from '@hotpath/protocol';
import OpenAI from 'openai';
import { Pool } from 'undici';
import { startThreadedSimulator, type ThreadedSimulator } from '../fixtures/threaded-simulator.ts';

const TOKENS = 400;
const request: CompletionRequest = {
  model: 'sim-small',
  messages: [{ role: 'user', content: 'benchmark me' }],
};

let sim: ThreadedSimulator;
let hotpath: ReturnType<typeof createOpenAIProvider>;
let sdk: OpenAI;
let raw: Pool;

async function start(): Promise<void> {
  sim = await startThreadedSimulator({ responseTokens: TOKENS });
  hotpath = createOpenAIProvider({ baseURL: `${sim.url}/v1`, apiKey: 'sk-bench' });
  sdk = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'sk-bench', maxRetries: 0 });
  raw = new Pool(sim.url, { connections: 8 });
}

async function stop(): Promise<void> {
  await Promise.all([hotpath.close(), raw.close()]);
  await sim.close();
}

const streaming: Scenario = {
  name: `provider-openai: one ${TOKENS}-token stream from the simulator (deltas/s)`,
  itemsPerCall: TOKENS,
  setup: start,
  teardown: stop,
  tasks: {
    'hotpath openai.stream': async () => {
      for await (const _ of hotpath.stream(request));
    },
    'openai SDK stream': async () => {
      const stream = await sdk.chat.completions.create({
        model: 'sim-small',
        messages: [{ role: 'user', content: 'benchmark me' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _ of stream);
    },
  },
  targets: [{ task: 'hotpath openai.stream', peer: 'openai SDK stream', min: 2 }],
};

// The raw client builds its JSON body on every call, as an application using undici directly would.
const wireRequest = {
  model: 'sim-small',
  messages: [{ role: 'user', content: 'short' }],
  max_tokens: 8,
};
const shortRequest: CompletionRequest = {
  ...request,
  messages: [{ role: 'user', content: 'short' }],
  maxTokens: 8,
};

const nonStreaming: Scenario = {
  name: 'provider-openai: non-streaming call, 8 tokens (calls/s)',
  setup: start,
  teardown: stop,
  tasks: {
    'hotpath openai.complete': () => hotpath.complete(shortRequest),
    'raw undici Pool.request + JSON': async () => {
      const response = await raw.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
        body: JSON.stringify(wireRequest),
      });
      JSON.parse(await response.body.text());
    },
    'openai SDK create': () =>
      sdk.chat.completions.create({
        model: 'sim-small',
        messages: [{ role: 'user', content: 'short' }],
        max_tokens: 8,
      }),
  },
  targets: [
    { task: 'hotpath openai.complete', peer: 'raw undici Pool.request + JSON', min: 1 / 1.1 },
    { task: 'hotpath openai.complete', peer: 'openai SDK create', min: 1 },
  ],
};

export default [streaming, nonStreaming];
