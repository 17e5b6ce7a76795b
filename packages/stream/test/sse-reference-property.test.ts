import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSSE, type SseEvent } from '../src/index.ts';
import { bytes, cutAt, toArray } from './helpers.ts';

const encoder = new TextEncoder();
const seeds = propertySeeds('stream sse-reference-property');

/**
 * The WHATWG event-stream rules read directly off the whole text, with no incremental state:
 * the reference the incremental parser must agree with, however its input is split.
 */
function reference(raw: string): SseEvent[] {
  const text = new TextDecoder().decode(encoder.encode(raw)).replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop(); // The text after the last line end is an unfinished line: never processed.
  const events: SseEvent[] = [];
  let data: string[] = [];
  let type = '';
  let id = '';
  let retry: number | undefined;
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0)
        events.push({ type: type || 'message', data: data.join('\n'), id, retry });
      data = [];
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') data.push(value);
    else if (name === 'event') type = value;
    else if (name === 'id' && !value.includes('\0')) id = value;
    else if (name === 'retry' && /^[0-9]+$/.test(value)) retry = Number(value);
  }
  return events;
}

const field = fc.oneof(
  fc.constantFrom(
    'data',
    'data:',
    'data: ',
    'event: ',
    'event:',
    'id: ',
    'id:',
    'retry: ',
    'retry:',
  ),
  fc.constantFrom(':', ': comment', 'dat', 'data ', 'DATA: ', 'x: ', ''),
);
const value = fc.oneof(
  fc.constantFrom('', ' ', '1', '150', '[DONE]', '{"a":1}', 'é', '😀', '\0', '\uFEFF', ':', 'x y'),
  anyString.filter((s) => s.length < 40),
);
const lineEnd = fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\r', '\r\n\r\n');
const body = fc.record({
  bom: fc.boolean(),
  lines: fc.array(fc.tuple(field, value, lineEnd), { maxLength: 16 }),
  tail: fc.oneof(fc.constant(''), value),
  cuts: fc.array(fc.nat(), { maxLength: 10 }),
});

describe('parseSSE against the WHATWG rules', () => {
  it.each(seeds)(
    'any text, split at any bytes, gives the events a direct reading of the rules gives (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(body, async ({ bom, lines, tail, cuts }) => {
          const text = (bom ? '\uFEFF' : '') + lines.map((l) => l.join('')).join('') + tail;
          const length = encoder.encode(text).length;
          const at = [...new Set(cuts.map((cut) => cut % (length + 1)))].sort((a, b) => a - b);
          const events = await toArray(parseSSE(bytes(...cutAt(text, at))));
          expect(events).toEqual(reference(text));
        }),
        { seed, numRuns: 600 },
      );
    },
  );
});
