import { describe, expect, it } from 'vitest';
import { LimitClearedError, limit } from '../src/index.ts';

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('limit', () => {
  it('runs at most `concurrency` calls, in call order, and counts them', async () => {
    const run = limit(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const calls = gates.map((gate, i) =>
      run(async (n: number) => {
        started.push(n);
        await gate.promise;
        return n * 10;
      }, i),
    );
    expect(started).toEqual([0, 1]);
    expect([run.activeCount, run.pendingCount]).toEqual([2, 2]);
    gates[1]!.resolve();
    await calls[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect([run.activeCount, run.pendingCount]).toEqual([2, 1]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(calls)).toEqual([0, 10, 20, 30]);
    expect([run.activeCount, run.pendingCount]).toEqual([0, 0]);
  });

  it('passes results and errors through, including synchronous ones', async () => {
    const run = limit(1);
    await expect(run(() => 'plain')).resolves.toBe('plain');
    await expect(
      run(() => {
        throw new RangeError('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(run(async () => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(run.activeCount).toBe(0);
  });

  it('clear() rejects the pending calls with LimitClearedError and lets running ones finish', async () => {
    const run = limit(1);
    const gate = deferred();
    const running = run(() => gate.promise.then(() => 'done'));
    const pending = [run(() => 'a'), run(() => 'b')];
    run.clear();
    expect(run.pendingCount).toBe(0);
    for (const call of pending) await expect(call).rejects.toBeInstanceOf(LimitClearedError);
    gate.resolve();
    await expect(running).resolves.toBe('done');
    await expect(run(() => 'after')).resolves.toBe('after');
  });

  it('withSignal removes a queued call when its signal aborts', async () => {
    const run = limit(1);
    const gate = deferred();
    const running = run(() => gate.promise);
    const controller = new AbortController();
    let calls = 0;
    const queued = run.withSignal(() => calls++, { signal: controller.signal });
    const next = run(() => 'next');
    controller.abort(new Error('left the queue'));
    await expect(queued).rejects.toThrow('left the queue');
    expect(run.pendingCount).toBe(1);
    gate.resolve();
    await running;
    await expect(next).resolves.toBe('next');
    expect(calls).toBe(0);
  });
});
