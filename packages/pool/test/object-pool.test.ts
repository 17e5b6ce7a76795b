import { getEventListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  AcquireTimeoutError,
  createObjectPool,
  PoolClosedError,
  PoolDrainedError,
} from '../src/index.ts';

function counter() {
  let next = 0;
  const destroyed: number[] = [];
  return {
    destroyed,
    create: vi.fn(() => ++next),
    destroy: (value: number) => {
      destroyed.push(value);
    },
  };
}

describe('createObjectPool', () => {
  it('reuses a released object instead of creating another', async () => {
    const { create } = counter();
    await using pool = createObjectPool({ create, max: 3 });
    for (let i = 0; i < 5; i++) {
      const lease = await pool.acquire();
      expect(lease.value).toBe(1);
      lease.release();
    }
    expect(create).toHaveBeenCalledTimes(1);
    expect(pool.stats()).toMatchObject({ size: 1, idle: 1, borrowed: 0, created: 1 });
  });

  it('never exceeds max and serves waiters first-in first-out', async () => {
    const { create } = counter();
    await using pool = createObjectPool({ create, max: 2 });
    const a = await pool.acquire();
    const b = await pool.acquire();
    const order: string[] = [];
    const acquireAs = async (name: string) => {
      const lease = await pool.acquire();
      order.push(name);
      return lease;
    };
    const third = acquireAs('third');
    const fourth = acquireAs('fourth');
    expect(pool.stats()).toMatchObject({ size: 2, borrowed: 2, pending: 2 });
    a.release();
    b.release();
    const leases = await Promise.all([third, fourth]);
    expect(order).toEqual(['third', 'fourth']);
    expect(leases.map((lease) => lease.value).sort()).toEqual([1, 2]);
    expect(create).toHaveBeenCalledTimes(2);
    for (const lease of leases) lease.release();
  });

  it('validates on borrow and replaces objects that fail', async () => {
    const { create, destroy, destroyed } = counter();
    const validate = vi.fn((value: number) => value !== 1);
    await using pool = createObjectPool({ create, destroy, validate, max: 1 });
    (await pool.acquire()).release(); // object 1 is created, fails validation, 2 replaces it
    const lease = await pool.acquire();
    expect(lease.value).toBe(2);
    expect(destroyed).toEqual([1]);
    expect(pool.stats().validationFailures).toBe(1);
    lease.release();
  });

  it('returns a lease with `using` and ignores a second release', async () => {
    const { create } = counter();
    await using pool = createObjectPool({ create });
    {
      using lease = await pool.acquire();
      expect(pool.stats().borrowed).toBe(1);
      lease.release();
    }
    expect(pool.stats()).toMatchObject({ borrowed: 0, idle: 1 });
  });

  it('destroys a lease that broke and creates a fresh object next time', async () => {
    const { create, destroy, destroyed } = counter();
    await using pool = createObjectPool({ create, destroy });
    (await pool.acquire()).destroy();
    expect(destroyed).toEqual([1]);
    const lease = await pool.acquire();
    expect(lease.value).toBe(2);
    lease.release();
  });

  it('aborts a waiting acquire and leaves no listener on a long-lived signal', async () => {
    const { create } = counter();
    await using pool = createObjectPool({ create, max: 1 });
    const held = await pool.acquire();
    const controller = new AbortController();
    const waits = Array.from({ length: 100 }, () => pool.acquire({ signal: controller.signal }));
    controller.abort(new Error('user left'));
    const results = await Promise.allSettled(waits);
    expect(results.every((r) => r.status === 'rejected' && r.reason.message === 'user left')).toBe(
      true,
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(pool.stats().pending).toBe(0);
    held.release();
  });

  it('removes its abort listener after every successful acquire', async () => {
    const { create } = counter();
    await using pool = createObjectPool({ create, max: 1 });
    const signal = new AbortController().signal;
    for (let i = 0; i < 1000; i++) {
      await pool.use(() => undefined, { signal });
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('backs off a failing create and reports its error as the timeout cause', async () => {
    const failure = new Error('database down');
    const create = vi.fn(() => {
      throw failure;
    });
    await using pool = createObjectPool({
      create,
      acquireTimeoutMs: 300,
      backoffInitialMs: 50,
      backoffMaxMs: 1000,
    });
    const error = await pool.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcquireTimeoutError);
    expect((error as AcquireTimeoutError).code).toBe('HOTPATH_POOL_ACQUIRE_TIMEOUT');
    expect((error as AcquireTimeoutError).cause).toBe(failure);
    // Exponential backoff from 50 ms allows a handful of attempts in 300 ms, not a busy loop.
    expect(create.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(create.mock.calls.length).toBeLessThan(10);
    expect(pool.stats().acquireTimeouts).toBe(1);
  });

  it('recovers once create succeeds again', async () => {
    let fail = 2;
    const create = vi.fn(() => {
      if (fail-- > 0) throw new Error('not yet');
      return 'ok';
    });
    await using pool = createObjectPool({ create, backoffInitialMs: 5 });
    await expect(pool.use((value) => value)).resolves.toBe('ok');
    expect(create).toHaveBeenCalledTimes(3);
    expect(pool.stats().createFailures).toBe(2);
  });

  it('keeps `min` objects ready and evicts idle ones above it', async () => {
    const { create, destroy, destroyed } = counter();
    await using pool = createObjectPool({ create, destroy, min: 1, max: 3, idleTimeoutMs: 20 });
    await vi.waitFor(() => expect(pool.stats().idle).toBe(1));
    const leases = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    for (const lease of leases) lease.release();
    expect(pool.stats().idle).toBe(3);
    await vi.waitFor(() => expect(pool.stats().idle).toBe(1), { timeout: 5000 });
    expect(destroyed).toHaveLength(2);
  });

  it('close rejects waiters, waits for borrowed objects, then destroys everything', async () => {
    const { create, destroy, destroyed } = counter();
    const pool = createObjectPool({ create, destroy, max: 1 });
    const lease = await pool.acquire();
    const waiting = pool.acquire();
    let closed = false;
    const closing = pool.close().then(() => {
      closed = true;
    });
    await expect(waiting).rejects.toBeInstanceOf(PoolDrainedError);
    await sleep(10);
    expect(closed).toBe(false);
    lease.release();
    await closing;
    expect(destroyed).toEqual([1]);
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolClosedError);
  });

  it('counts destroy failures without throwing', async () => {
    await using pool = createObjectPool({
      create: () => 1,
      destroy: () => Promise.reject(new Error('nope')),
    });
    (await pool.acquire()).destroy();
    await vi.waitFor(() => expect(pool.stats().destroyFailures).toBe(1));
  });
});

describe('createObjectPool arguments', () => {
  it.each([
    [{}, 'options.create'],
    [{ create: (): number => 1, max: 0 }, 'options.max'],
    [{ create: (): number => 1, max: Number.NaN }, 'options.max'],
    [{ create: (): number => 1, min: -1 }, 'options.min'],
    [{ create: (): number => 1, min: 5, max: 2 }, 'options.min'],
    [{ create: (): number => 1, validate: 'yes' }, 'options.validate'],
    [{ create: (): number => 1, acquireTimeoutMs: -5 }, 'options.acquireTimeoutMs'],
  ])('rejects %o naming %s', (options, name) => {
    expect(() => createObjectPool(options as never)).toThrow(TypeError);
    expect(() => createObjectPool(options as never)).toThrow(name);
  });
});
