import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { map } from '../src/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

it('maps a 1,000,000-item generator at concurrency 8 with at most 8 items in flight and flat memory', async () => {
  const ITEMS = 1_000_000;
  let pulled = 0;
  let finished = 0;
  let maxInFlight = 0;
  function* source(): Generator<number> {
    for (let i = 0; i < ITEMS; i++) {
      pulled++;
      maxInFlight = Math.max(maxInFlight, pulled - finished);
      yield i;
    }
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const results = await map(
    source(),
    async (n) => {
      finished++;
      if (n % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      // Nothing kept per item: the only growth allowed is the results array itself.
      return undefined;
    },
    { concurrency: 8 },
  );
  expect(results.length).toBe(ITEMS);
  expect(pulled).toBe(ITEMS);
  expect(maxInFlight).toBeLessThanOrEqual(8);
  gc();
  // A million pending promises would take well over 100 MB; the results array of a million
  // slots takes 8 MB. The bound is loose on purpose: this is a leak check, not a timing check.
  expect(peak - before).toBeLessThan(64 * 1024 * 1024);
}, 120_000);
