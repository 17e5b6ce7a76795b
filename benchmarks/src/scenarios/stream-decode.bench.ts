// ~10 MB of OpenAI `chat.completion.chunk` events (as ~150 streams of 259 events), pre-split
// once into 1–4,096-byte pieces with a fixed seed; each call decodes the next stream.
// Peers: eventsource-parser + JSON.parse (what a hand-rolled client does) and the openai
// SDK's public decoder, `Stream.fromSSEResponse` over a `Response` built from the pieces.

import type { Scenario } from '@hotpath/bench';
import { decodeOpenAI } from '@hotpath/plugin-openai';
import { budget, rechunk, timeouts } from '@hotpath/stream';
import { createParser } from 'eventsource-parser';
import { Stream } from 'openai/streaming';
import { openAIFixture } from '../fixtures/openai-chunks.ts';

const fixture = openAIFixture(10 * 1024 * 1024, 256);
const { streams, eventsPerStream, contentEvents } = fixture;

function rotation(): () => readonly Uint8Array[] {
  let next = 0;
  return () => streams[next++ % streams.length]!;
}

async function* body(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

function check(count: number, expected: number, who: string): void {
  if (count !== expected) throw new Error(`${who} produced ${count} items, expected ${expected}`);
}

const bare = rotation();
const stacked = rotation();
const coalesced = rotation();
const esp = rotation();
const sdk = rotation();

const scenario: Scenario = {
  name: `stream: decode ${(fixture.bytes / 1048576).toFixed(1)} MiB of OpenAI chunks (${streams.length} streams × ${eventsPerStream} events), 1–4,096-byte pieces`,
  itemsPerCall: eventsPerStream,
  tasks: {
    'hotpath decodeOpenAI': async () => {
      let count = 0;
      for await (const _ of decodeOpenAI(body(bare()))) count++;
      check(count, contentEvents + 2, 'decodeOpenAI');
    },
    'hotpath decodeOpenAI + timeouts + budget + rechunk': async () => {
      let count = 0;
      const decoded = decodeOpenAI(body(stacked()));
      const limited = timeouts(decoded, { firstChunkMs: 60_000, idleMs: 30_000, totalMs: 600_000 });
      const deltas = rechunk(budget(limited, { maxOutputTokens: 1e9 }), {
        minChars: 1,
        maxDelayMs: 50,
      });
      for await (const _ of deltas) count++;
      check(count, contentEvents + 2, 'stacked');
    },
    'hotpath decodeOpenAI + timeouts + budget + rechunk(minChars 32)': async () => {
      let text = 0;
      const decoded = decodeOpenAI(body(coalesced()));
      const limited = timeouts(decoded, { firstChunkMs: 60_000, idleMs: 30_000, totalMs: 600_000 });
      for await (const delta of rechunk(budget(limited, { maxOutputTokens: 1e9 }), {
        minChars: 32,
      })) {
        if (delta.type === 'text') text += delta.text.length;
      }
      if (text === 0) throw new Error('rechunk produced no text');
    },
    'eventsource-parser + JSON.parse': async () => {
      let count = 0;
      const decoder = new TextDecoder();
      const parser = createParser({
        onEvent(event) {
          if (event.data !== '[DONE]') JSON.parse(event.data);
          count++;
        },
      });
      for await (const piece of body(esp())) parser.feed(decoder.decode(piece, { stream: true }));
      check(count, eventsPerStream, 'eventsource-parser');
    },
    'openai Stream.fromSSEResponse': async () => {
      let count = 0;
      const response = new Response(ReadableStream.from(body(sdk())));
      for await (const _ of Stream.fromSSEResponse(response, new AbortController())) count++;
      check(count, eventsPerStream - 1, 'openai');
    },
  },
  targets: [
    { task: 'hotpath decodeOpenAI', peer: 'eventsource-parser + JSON.parse', min: 1.2 },
    { task: 'hotpath decodeOpenAI', peer: 'openai Stream.fromSSEResponse', min: 4 },
    {
      task: 'hotpath decodeOpenAI + timeouts + budget + rechunk',
      peer: 'hotpath decodeOpenAI',
      min: 0.9,
    },
  ],
};

export default scenario;
