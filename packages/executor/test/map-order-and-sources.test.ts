import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { map } from '../src/index.ts';

async function* countdown(n: number): AsyncGenerator<number> {
  for (let i = n; i > 0; i--) {
    await delay(0);
    yield i;
  }
}

describe('map keeps input order', () => {
  it('for an array whose tasks finish in reverse order', async () => {
    const items = [50, 40, 30, 20, 10, 0];
    const result = await map(
      items,
      async (ms) => {
        await delay(ms);
        return ms * 2;
      },
      { concurrency: 6 },
    );
    expect(result).toEqual([100, 80, 60, 40, 20, 0]);
  });

  it('for a sync iterable, passing each index', async () => {
    const seen: [string, number][] = [];
    const result = await map(
      new Set(['a', 'b', 'c']),
      (item, index) => {
        seen.push([item, index]);
        return item.toUpperCase();
      },
      { concurrency: 2 },
    );
    expect(result).toEqual(['A', 'B', 'C']);
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('for an async iterable', async () => {
    const result = await map(
      countdown(5),
      async (n) => {
        await delay(n);
        return n + 1;
      },
      { concurrency: 3 },
    );
    expect(result).toEqual([6, 5, 4, 3, 2]);
  });

  it('for mixed sync and async results and an empty input', async () => {
    const result = await map([1, 2, 3, 4], (n) => (n % 2 ? n : Promise.resolve(-n)), {
      concurrency: 2,
    });
    expect(result).toEqual([1, -2, 3, -4]);
    await expect(map([], () => 1)).resolves.toEqual([]);
    await expect(map(countdown(0), () => 1)).resolves.toEqual([]);
  });

  it('with the default (unbounded) concurrency over an async iterable', async () => {
    await expect(map(countdown(5), async (n) => n)).resolves.toEqual([5, 4, 3, 2, 1]);
  });
});

describe('map bounds concurrency', () => {
  it('never runs more than `concurrency` tasks', async () => {
    let active = 0;
    let peak = 0;
    await map(
      Array.from({ length: 50 }, (_, i) => i),
      async () => {
        peak = Math.max(peak, ++active);
        await delay(1);
        active--;
      },
      { concurrency: 4 },
    );
    expect(peak).toBe(4);
  });

  it('pulls an async iterable no further than needed', async () => {
    let pulled = 0;
    let finished = 0;
    let maxAhead = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 40; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - finished);
        yield i;
      }
    }
    await map(
      source(),
      async () => {
        await delay(1);
        finished++;
      },
      { concurrency: 3 },
    );
    expect(pulled).toBe(40);
    expect(maxAhead).toBeLessThanOrEqual(3);
  });
});

describe('map with stopOnError: false', () => {
  it('settles every item with its value or error', async () => {
    const boom = new Error('boom');
    const result = await map(
      [1, 2, 3],
      async (n) => {
        if (n === 2) throw boom;
        return n * 10;
      },
      { stopOnError: false, concurrency: 1 },
    );
    expect(result).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: boom },
      { status: 'fulfilled', value: 30 },
    ]);
  });

  it('keeps going past synchronous throws', async () => {
    const result = await map(
      ['a', 'b'],
      (s) => {
        if (s === 'a') throw new TypeError('no a');
        return s;
      },
      { stopOnError: false },
    );
    expect(result.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });
});
