import { describe, expect, it } from 'vitest';
import { parseSSE, type SseEvent } from '../src/index.ts';
import { bytes, every, toArray } from './helpers.ts';

type Expected = Partial<SseEvent> & { data: string };

interface Case {
  readonly name: string;
  readonly input: string;
  readonly events: readonly Expected[];
}

// Inputs → dispatched events, following the WHATWG event-stream processing model
// (the cases eventsource-parser and the WPT eventsource tests cover).
const cases: readonly Case[] = [
  { name: 'one event', input: 'data: hello\n\n', events: [{ data: 'hello', type: 'message' }] },
  { name: 'no space after the colon', input: 'data:hello\n\n', events: [{ data: 'hello' }] },
  { name: 'only one leading space is removed', input: 'data:  hi\n\n', events: [{ data: ' hi' }] },
  { name: 'trailing spaces kept', input: 'data: x \n\n', events: [{ data: 'x ' }] },
  { name: 'multi-line data', input: 'data: a\ndata: b\n\n', events: [{ data: 'a\nb' }] },
  { name: 'empty data line', input: 'data\n\n', events: [{ data: '' }] },
  { name: 'empty data value', input: 'data:\n\n', events: [{ data: '' }] },
  { name: 'two empty data lines', input: 'data\ndata\n\n', events: [{ data: '\n' }] },
  { name: 'colon inside the value', input: 'data: a:b\n\n', events: [{ data: 'a:b' }] },
  {
    name: 'event type',
    input: 'event: add\ndata: x\n\n',
    events: [{ type: 'add', data: 'x' }],
  },
  {
    name: 'event type resets after dispatch',
    input: 'event: add\ndata: x\n\ndata: y\n\n',
    events: [
      { type: 'add', data: 'x' },
      { type: 'message', data: 'y' },
    ],
  },
  { name: 'comment lines ignored', input: ': ping\n\n:\ndata: x\n\n', events: [{ data: 'x' }] },
  { name: 'CRLF line ends', input: 'data: a\r\ndata: b\r\n\r\n', events: [{ data: 'a\nb' }] },
  { name: 'CR line ends', input: 'data: a\rdata: b\r\r', events: [{ data: 'a\nb' }] },
  {
    name: 'mixed line ends',
    input: 'data: a\r\n\rdata: b\n\r\ndata: c\r\r\n',
    events: [{ data: 'a' }, { data: 'b' }, { data: 'c' }],
  },
  {
    name: 'id persists across events',
    input: 'id: 1\ndata: x\n\ndata: y\n\n',
    events: [
      { id: '1', data: 'x' },
      { id: '1', data: 'y' },
    ],
  },
  {
    name: 'empty id resets it',
    input: 'id: 1\ndata: x\n\nid\ndata: y\n\n',
    events: [
      { id: '1', data: 'x' },
      { id: '', data: 'y' },
    ],
  },
  {
    name: 'id containing NUL is ignored',
    input: 'id: a\0b\ndata: x\n\n',
    events: [{ id: '' }] as Expected[],
  },
  {
    name: 'retry with digits',
    input: 'retry: 1500\ndata: x\n\n',
    events: [{ retry: 1500, data: 'x' }],
  },
  {
    name: 'retry with other characters is ignored',
    input: 'retry: 15a\ndata: x\n\nretry: -1\ndata: y\n\n',
    events: [
      { retry: undefined, data: 'x' },
      { retry: undefined, data: 'y' },
    ],
  },
  { name: 'unknown fields ignored', input: 'foo: bar\ndata: x\n\n', events: [{ data: 'x' }] },
  {
    name: 'field names are case-sensitive',
    input: 'Data: x\n\ndata: y\n\n',
    events: [{ data: 'y' }],
  },
  { name: 'leading space makes a different field', input: ' data: x\n\n', events: [] },
  { name: 'event without data is not dispatched', input: 'event: add\n\n', events: [] },
  {
    name: 'id without data sets the id for later events',
    input: 'id: 7\n\ndata: x\n\n',
    events: [{ id: '7', data: 'x' }],
  },
  { name: 'leading BOM is dropped', input: '\uFEFFdata: x\n\n', events: [{ data: 'x' }] },
  { name: 'only one BOM is dropped', input: '\uFEFF\uFEFFdata: x\n\n', events: [] },
  {
    name: 'unterminated last event is discarded',
    input: 'data: x\n\ndata: y\n',
    events: [{ data: 'x' }],
  },
  {
    name: 'unterminated last line is discarded',
    input: 'data: x\n\ndata: y',
    events: [{ data: 'x' }],
  },
  {
    name: 'multi-byte UTF-8',
    input: 'data: café 東京 🚀 naïve\n\n',
    events: [{ data: 'café 東京 🚀 naïve' }],
  },
  {
    name: 'JSON payload untouched',
    input: 'data: {"a":"b\\nc","d":[1,2]}\n\n',
    events: [{ data: '{"a":"b\\nc","d":[1,2]}' }],
  },
  { name: 'blank lines between events', input: '\n\n\ndata: x\n\n\n\n', events: [{ data: 'x' }] },
  {
    name: 'long line',
    input: `data: ${'x'.repeat(70_000)}\n\n`,
    events: [{ data: 'x'.repeat(70_000) }],
  },
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function randomPieces(input: string, seed: number): Uint8Array[] {
  const all = new TextEncoder().encode(input);
  const next = random(seed);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < all.length; ) {
    const size = 1 + Math.floor(next() * 7);
    pieces.push(all.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

async function parse(pieces: Uint8Array[]): Promise<SseEvent[]> {
  return toArray(parseSSE(bytes(...pieces)));
}

function expectEvents(actual: SseEvent[], expected: readonly Expected[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, event] of expected.entries()) expect(actual[i]).toMatchObject(event);
}

describe('parseSSE conformance', () => {
  for (const { name, input, events } of cases) {
    it(`${name}: whole`, async () => {
      expectEvents(await parse([new TextEncoder().encode(input)]), events);
    });
    it(`${name}: split at every byte`, async () => {
      expectEvents(await parse(every(input, 1)), events);
    });
    it(`${name}: random splits`, async () => {
      for (let seed = 1; seed <= 5; seed++)
        expectEvents(await parse(randomPieces(input, seed)), events);
    });
  }
});
