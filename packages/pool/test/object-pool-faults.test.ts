import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  AcquireTimeoutError,
  createObjectPool,
  PoolArgumentError,
  PoolDrainedError,
} from '../src/index.ts';

describe('createObjectPool under faults', () => {
  it('a second close() waits for borrowed objects like the first', async () => {
    const pool = createObjectPool({ create: () => ({}) });
    const lease = await pool.acquire();
    const order: string[] = [];
    const first = pool.close().then(() => order.push('first close'));
    const second = pool.close().then(() => order.push('second close'));
    await sleep(10);
    order.push('released');
    lease.release();
    await Promise.all([first, second]);
    expect(order).toEqual(['released', 'first close', 'second close']);
  });

  it('close() does not wait for a create that ignores its abort signal, and destroys what it makes later', async () => {
    let finish!: (value: object) => void;
    const destroyed: object[] = [];
    const pool = createObjectPool({
      create: () => new Promise<object>((resolve) => (finish = resolve)),
      destroy: (value) => {
        destroyed.push(value);
      },
    });
    const waiting = pool.acquire();
    await sleep(5);
    await pool.close();
    await expect(waiting).rejects.toBeInstanceOf(PoolDrainedError);
    const late = {};
    finish(late);
    await sleep(5);
    expect(destroyed).toEqual([late]);
    expect(pool.stats()).toMatchObject({ size: 0, creating: 0, borrowed: 0 });
  });

  it('close() does not wait for a validate that never settles; the object is destroyed if it ever does', async () => {
    let hang = false;
    let finish!: (valid: boolean) => void;
    const destroyed: object[] = [];
    const pool = createObjectPool({
      create: () => ({}),
      validate: () => (hang ? new Promise<boolean>((resolve) => (finish = resolve)) : true),
      destroy: (value) => {
        destroyed.push(value);
      },
      acquireTimeoutMs: 20,
    });
    const lease = await pool.acquire();
    lease.release();
    hang = true;
    await expect(pool.acquire()).rejects.toBeInstanceOf(AcquireTimeoutError);
    await pool.close();
    finish(true);
    await sleep(5);
    expect(destroyed).toEqual([lease.value]);
  });

  it('acquire with a signal that is not an AbortSignal rejects with PoolArgumentError and leaves the pool working', async () => {
    const pool = createObjectPool({ create: () => ({}), max: 1 });
    const held = await pool.acquire();
    await expect(pool.acquire({ signal: {} as AbortSignal })).rejects.toBeInstanceOf(
      PoolArgumentError,
    );
    await expect(pool.use(() => 1, { signal: 'x' as never })).rejects.toBeInstanceOf(
      PoolArgumentError,
    );
    held.release();
    await expect(pool.use(() => 'ok')).resolves.toBe('ok');
    await pool.close();
  });

  it('timer options longer than Node can hold are refused instead of firing after 1 ms', () => {
    for (const name of ['acquireTimeoutMs', 'backoffInitialMs', 'backoffMaxMs']) {
      expect(() => createObjectPool({ create: () => ({}), [name]: 2 ** 31 })).toThrow(
        PoolArgumentError,
      );
    }
    const pool = createObjectPool({ create: () => ({}), acquireTimeoutMs: Infinity });
    return pool.close();
  });
});

describe('createObjectPool and the wall clock', () => {
  it('after a failed create, a wall-clock step back by an hour does not hold creates back for that hour', async () => {
    let fail = true;
    const pool = createObjectPool({
      create: () => {
        if (fail) throw new Error('first create fails');
        return {};
      },
      backoffInitialMs: 10,
      acquireTimeoutMs: 5_000,
    });
    await expect(pool.acquire({ signal: AbortSignal.timeout(5) })).rejects.toThrow();
    fail = false;
    const real = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => real() - 3_600_000);
    try {
      const lease = await pool.acquire();
      lease.release();
    } finally {
      vi.restoreAllMocks();
      await pool.close();
    }
  });
});
