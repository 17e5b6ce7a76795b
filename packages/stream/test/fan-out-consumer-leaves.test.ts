import type { StreamDelta } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { type DeltaStream, fanOut } from '../src/index.ts';
import { toArray } from './helpers.ts';

async function* numbers(n: number): AsyncGenerator<StreamDelta> {
  for (let i = 0; i < n; i++) yield { type: 'text', text: String(i) };
}

const texts = (deltas: readonly StreamDelta[]): string[] =>
  deltas.map((delta) => (delta.type === 'text' ? delta.text : delta.type));

/** Reads `n` deltas from the fast consumer, which then waits on the slow one. */
async function readAhead(fast: DeltaStream, n: number): Promise<string[]> {
  const read: StreamDelta[] = [];
  for (let i = 0; i < n; i++) read.push((await fast.next()).value as StreamDelta);
  return texts(read);
}

describe("fan-out 'wait' policy: the slow consumer leaves while another waits on it", () => {
  it.each([
    ['break (return())', (slow: DeltaStream) => void slow.return?.()],
    ['abort()', (slow: DeltaStream) => slow.abort()],
    ['await using (asyncDispose)', (slow: DeltaStream) => void slow[Symbol.asyncDispose]()],
  ])('after %s the waiting consumer goes on and gets every delta', async (_, leave) => {
    const { consumers } = fanOut(numbers(20), 2, { bufferSize: 4, policy: 'wait' });
    const [fast, slow] = consumers as [DeltaStream, DeltaStream];
    expect(await readAhead(fast, 4)).toEqual(['0', '1', '2', '3']);
    const rest = toArray(fast);
    await new Promise((resolve) => setImmediate(resolve));
    leave(slow);
    expect(texts(await rest)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 4)));
  });

  it('the last of three consumers leaving wakes both waiting ones', async () => {
    const { consumers } = fanOut(numbers(10), 3, { bufferSize: 2, policy: 'wait' });
    const [a, b, slow] = consumers as [DeltaStream, DeltaStream, DeltaStream];
    expect(await readAhead(a, 2)).toEqual(['0', '1']);
    expect(await readAhead(b, 2)).toEqual(['0', '1']);
    const rests = Promise.all([toArray(a), toArray(b)]);
    await new Promise((resolve) => setImmediate(resolve));
    await slow.return?.();
    const [restA, restB] = await rests;
    expect(texts(restA)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
    expect(texts(restB)).toEqual(texts(restA));
  });
});
