import { getEventListeners } from 'node:events';
import { expect, it } from 'vitest';
import { createBatcher, first, limit, map, runGraph, singleFlight } from '../src/index.ts';

const CALLS = 100_000;

it('one long-lived signal shared by 100,000 calls leaves no abort listeners behind', async () => {
  const controller = new AbortController();
  const { signal } = controller;
  const run = limit(8);
  const flights = singleFlight<number, number>();
  const batcher = createBatcher(async (keys: readonly number[]) => keys, { maxBatchSize: 1000 });
  // EventTarget checks for duplicate listeners on every add, so 100,000 *simultaneous*
  // listeners would be quadratic; a long-lived signal sees calls come and go in waves.
  for (let wave = 0; wave < CALLS / 1000; wave++) {
    const calls: Promise<unknown>[] = [];
    for (let i = wave * 1000; i < (wave + 1) * 1000; i++) {
      switch (i % 4) {
        case 0:
          calls.push(run.withSignal(async () => i, { signal }));
          break;
        case 1:
          calls.push(flights.run(i % 100, async () => i, { signal }));
          break;
        case 2:
          calls.push(batcher.load(i, { signal }));
          break;
        default:
          calls.push(map([i], (n) => n, { signal }));
      }
    }
    expect(getEventListeners(signal, 'abort').length).toBeGreaterThan(0);
    await Promise.all(calls);
  }
  for (let i = 0; i < 1000; i++) {
    await first([async () => i], { signal });
    await runGraph({ a: { run: () => i } }, { signal });
  }
  expect(getEventListeners(signal, 'abort')).toEqual([]);
  expect(signal.aborted).toBe(false);
}, 120_000);
