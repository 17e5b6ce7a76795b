import { describe, expect, it } from 'vitest';
import { singleFlight } from '../src/index.ts';

function gate<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('singleFlight', () => {
  it('shares one call between concurrent callers of a key, then forgets it', async () => {
    const flights = singleFlight<string, number>();
    const release = gate<number>();
    let calls = 0;
    const fn = (): Promise<number> => {
      calls++;
      return release.promise;
    };
    const a = flights.run('k', fn);
    const b = flights.run('k', fn, { signal: new AbortController().signal });
    const other = flights.run('other', async () => 99);
    expect(flights.has('k')).toBe(true);
    release.resolve(42);
    expect(await Promise.all([a, b, other])).toEqual([42, 42, 99]);
    expect(calls).toBe(1);
    expect(flights.size).toBe(0);
    await flights.run('k', fn);
    expect(calls).toBe(2);
  });

  it('one caller aborting does not cancel the others', async () => {
    const flights = singleFlight<string, string>();
    const release = gate<string>();
    let sharedSignal!: AbortSignal;
    const leaving = new AbortController();
    const fn = (signal: AbortSignal): Promise<string> => {
      sharedSignal = signal;
      return release.promise;
    };
    const a = flights.run('k', fn, { signal: leaving.signal });
    const b = flights.run('k', fn, { signal: new AbortController().signal });
    leaving.abort(new Error('a left'));
    await expect(a).rejects.toThrow('a left');
    expect(sharedSignal.aborted).toBe(false);
    release.resolve('value');
    await expect(b).resolves.toBe('value');
  });

  it('aborts the shared call once every caller has gone, and starts afresh after', async () => {
    const flights = singleFlight<string, string>();
    const signals: AbortSignal[] = [];
    const fn = (signal: AbortSignal): Promise<string> => {
      signals.push(signal);
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run('k', fn, { signal: first.signal });
    const b = flights.run('k', fn, { signal: second.signal });
    first.abort(new Error('first left'));
    expect(signals[0]!.aborted).toBe(false);
    second.abort(new Error('second left'));
    expect(signals[0]!.aborted).toBe(true);
    await expect(a).rejects.toThrow('first left');
    await expect(b).rejects.toThrow('second left');
    expect(flights.has('k')).toBe(false);
    const c = flights.run('k', async () => 'fresh');
    await expect(c).resolves.toBe('fresh');
    expect(signals).toHaveLength(1);
  });

  it('shares a rejection and a synchronous throw', async () => {
    const flights = singleFlight<string, never>();
    const fail = (): never => {
      throw new Error('sync failure');
    };
    const results = await Promise.allSettled([flights.run('k', fail), flights.run('k', fail)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(flights.size).toBe(0);
  });
});
