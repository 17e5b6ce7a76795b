import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { map, TimeoutError } from '../src/index.ts';

describe('map fail-fast', () => {
  it('rejects with the first error and starts no new task', async () => {
    const started: number[] = [];
    const boom = new Error('boom');
    const items = Array.from({ length: 100 }, (_, i) => i);
    await expect(
      map(
        items,
        async (n) => {
          started.push(n);
          await delay(1);
          if (n === 3) throw boom;
        },
        { concurrency: 4 },
      ),
    ).rejects.toBe(boom);
    const count = started.length;
    await delay(20);
    expect(started.length).toBe(count);
    expect(count).toBeLessThan(100);
  });

  it('aborts the signal of tasks still running, with the error as reason', async () => {
    const boom = new Error('boom');
    const reasons: unknown[] = [];
    const run = map(
      [0, 1],
      (n, _i, { signal }) => {
        if (n === 0) return Promise.reject(boom);
        return new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reasons.push(signal.reason);
            resolve();
          });
        });
      },
      { concurrency: 2 },
    );
    await expect(run).rejects.toBe(boom);
    expect(reasons).toEqual([boom]);
  });

  it('closes a generator it stops reading', async () => {
    let closed = false;
    function* source(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await expect(
      map(
        source(),
        (n) => {
          if (n === 5) throw new Error('stop');
          return n;
        },
        { concurrency: 2 },
      ),
    ).rejects.toThrow('stop');
    expect(closed).toBe(true);
  });

  it('rejects with an error thrown by the source itself', async () => {
    function* source(): Generator<number> {
      yield 1;
      throw new RangeError('source broke');
    }
    await expect(map(source(), (n) => n, { stopOnError: false })).rejects.toThrow('source broke');
  });
});

describe('map abort and timeout', () => {
  it('rejects with the signal reason and calls nothing for an aborted signal', async () => {
    let calls = 0;
    const reason = new Error('cancelled');
    await expect(map([1], () => calls++, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(calls).toBe(0);
  });

  it('stops when the signal aborts midway, aborting running tasks', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const aborted: number[] = [];
    let bothStarted!: () => void;
    const ready = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    const run = map(
      Array.from({ length: 20 }, (_, i) => i),
      (n, _i, { signal }) => {
        started.push(n);
        if (started.length === 2) bothStarted();
        return new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted.push(n);
            resolve();
          });
        });
      },
      { concurrency: 2, signal: controller.signal },
    );
    await ready;
    controller.abort(new Error('user cancelled'));
    await expect(run).rejects.toThrow('user cancelled');
    await delay(5);
    expect(started).toEqual([0, 1]);
    expect(aborted).toEqual([0, 1]);
  });

  it('aborts a task after its timeout and fails it with TimeoutError', async () => {
    const reasons: unknown[] = [];
    const result = await map(
      [0, 1],
      (n, _i, { signal }) => {
        if (n === 0) return 'fast';
        return new Promise<string>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reasons.push(signal.reason);
            reject(signal.reason);
          });
        });
      },
      { timeoutMs: 20, stopOnError: false },
    );
    expect(result[0]).toEqual({ status: 'fulfilled', value: 'fast' });
    expect(result[1]?.status).toBe('rejected');
    const reason = (result[1] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(TimeoutError);
    expect(reason).toMatchObject({ code: 'HOTPATH_EXECUTOR_TIMEOUT', timeoutMs: 20 });
    expect(reasons).toEqual([reason]);
  });

  it('fails a task that ignores its signal once the timeout elapses', async () => {
    await expect(map([1], () => new Promise(() => {}), { timeoutMs: 10 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });
});
