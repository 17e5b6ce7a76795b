import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { BatcherClosedError, BatchResultError, createBatcher } from '../src/index.ts';

function recorder<K, V>(
  fn: (key: K) => V | Error,
): {
  batches: K[][];
  loadMany: (keys: readonly K[]) => Promise<(V | Error)[]>;
} {
  const batches: K[][] = [];
  return {
    batches,
    loadMany: async (keys) => {
      batches.push([...keys]);
      return keys.map(fn);
    },
  };
}

describe('createBatcher', () => {
  it('collects the loads of one tick into one batch, deduplicating identical keys', async () => {
    const { batches, loadMany } = recorder((k: number) => k * 2);
    const batcher = createBatcher(loadMany);
    const values = await Promise.all([1, 2, 1, 3, 2].map((k) => batcher.load(k)));
    expect(values).toEqual([2, 4, 2, 6, 4]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('with maxWaitMs 0, loads from later promise jobs of the same tick join the batch', async () => {
    const { batches, loadMany } = recorder((k: string) => k);
    const batcher = createBatcher(loadMany, { maxWaitMs: 0 });
    const a = batcher.load('a');
    const b = Promise.resolve().then(() => batcher.load('b'));
    await Promise.all([a, b]);
    await batcher.load('c');
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('splits at maxBatchSize and limits concurrent batches', async () => {
    let active = 0;
    let peak = 0;
    const batches: number[][] = [];
    const batcher = createBatcher(
      async (keys: readonly number[]) => {
        batches.push([...keys]);
        peak = Math.max(peak, ++active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
        return keys;
      },
      { maxBatchSize: 3, maxConcurrentBatches: 2 },
    );
    const values = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.load(i)));
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(peak).toBe(2);
  });

  it('waits maxWaitMs for more keys, and flush() dispatches at once', async () => {
    const { batches, loadMany } = recorder((k: number) => k);
    const batcher = createBatcher(loadMany, { maxWaitMs: 10_000 });
    const first = batcher.load(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.load(2);
    expect(batches).toEqual([]);
    batcher.flush();
    await Promise.all([first, second]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('reports errors per item, and a throwing loadMany rejects the whole batch', async () => {
    const bad = new Error('no such key');
    const { loadMany } = recorder((k: string) => (k === 'bad' ? bad : k.toUpperCase()));
    const batcher = createBatcher(loadMany);
    expect(await batcher.loadMany(['ok', 'bad'])).toEqual(['OK', bad]);
    await expect(batcher.load('bad')).rejects.toBe(bad);

    const failing = createBatcher(async (): Promise<string[]> => {
      throw new Error('backend down');
    });
    const results = await failing.loadMany(['a', 'b']);
    expect(results.map((r) => (r as Error).message)).toEqual(['backend down', 'backend down']);
  });

  it('rejects every key with BatchResultError when loadMany returns the wrong length', async () => {
    const batcher = createBatcher(async (keys: readonly string[]) => keys.slice(1));
    const results = await Promise.allSettled([batcher.load('a'), batcher.load('b')]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(BatchResultError);
    }
  });

  it('deduplicates object keys through the key option', async () => {
    const { batches, loadMany } = recorder((k: { id: number }) => k.id);
    const batcher = createBatcher(loadMany, { key: (k) => k.id });
    const values = await Promise.all([batcher.load({ id: 1 }), batcher.load({ id: 1 })]);
    expect(values).toEqual([1, 1]);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1);
  });

  it('gives each key of a large mixed batch its own value or error, before close() resolves', async () => {
    const { loadMany } = recorder((k: number) => (k % 3 === 0 ? new Error(`bad ${k}`) : k * 2));
    const batcher = createBatcher(loadMany, { key: (k: number) => k });
    const seen: string[] = [];
    const keys = Array.from({ length: 1000 }, (_, i) => (i * 7) % 500);
    for (const k of keys) {
      batcher.load(k).then(
        (value) => seen.push(`${k}=${value}`),
        (error: Error) => seen.push(`${k}:${error.message}`),
      );
    }
    await batcher.close();
    const expected = keys.map((k) => (k % 3 === 0 ? `${k}:bad ${k}` : `${k}=${k * 2}`));
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('close() dispatches what is collected, waits for it and refuses new loads', async () => {
    const { batches, loadMany } = recorder((k: number) => k);
    const batcher = createBatcher(loadMany, { maxWaitMs: 10_000 });
    const pending = batcher.load(7);
    await batcher.close();
    await expect(pending).resolves.toBe(7);
    expect(batches).toEqual([[7]]);
    await expect(batcher.load(8)).rejects.toBeInstanceOf(BatcherClosedError);
  });

  it('publishes each batch size on hotpath:executor:batch', async () => {
    const sizes: unknown[] = [];
    const listener = (message: unknown): void => {
      sizes.push(message);
    };
    subscribe('hotpath:executor:batch', listener);
    try {
      const batcher = createBatcher(async (keys: readonly number[]) => keys);
      await Promise.all([batcher.load(1), batcher.load(2)]);
    } finally {
      unsubscribe('hotpath:executor:batch', listener);
    }
    expect(sizes).toEqual([{ size: 2 }]);
  });
});
