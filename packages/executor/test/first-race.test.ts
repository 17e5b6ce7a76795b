import { describe, expect, it } from 'vitest';
import { first, RaceLostError, TimeoutError } from '../src/index.ts';

function never(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason));
  });
}

describe('first', () => {
  it('resolves with the first success and aborts the losers, not the winner', async () => {
    const signals: AbortSignal[] = [];
    const value = await first<string>([
      ({ signal }) => {
        signals.push(signal);
        return never(signal);
      },
      async ({ signal }) => {
        signals.push(signal);
        return 'winner';
      },
      ({ signal }) => {
        signals.push(signal);
        return Promise.reject(new Error('fails fast'));
      },
    ]);
    expect(value).toBe('winner');
    expect(signals.map((s) => s.aborted)).toEqual([true, false, true]);
    expect(signals[0]!.reason).toBeInstanceOf(RaceLostError);
  });

  it('ignores failures while another can still win', async () => {
    const value = await first([
      () => Promise.reject(new Error('a')),
      () => new Promise((resolve) => setTimeout(() => resolve('late'), 5)),
    ]);
    expect(value).toBe('late');
  });

  it('rejects with an AggregateError of every error, in order, when all fail', async () => {
    const a = new Error('a');
    const b = new Error('b');
    const error = await first([
      () => new Promise((_r, reject) => setTimeout(() => reject(a), 5)),
      () => {
        throw b;
      },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([a, b]);
    await expect(first([])).rejects.toBeInstanceOf(AggregateError);
  });

  it('times out, aborting everyone with TimeoutError', async () => {
    const reasons: unknown[] = [];
    const error = await first(
      [
        ({ signal }) =>
          never(signal).catch((e) => {
            reasons.push(e);
            throw e;
          }),
      ],
      { timeoutMs: 10 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toEqual([error]);
  });

  it('rejects with the signal reason', async () => {
    const controller = new AbortController();
    const race = first([({ signal }) => never(signal)], { signal: controller.signal });
    controller.abort(new Error('user'));
    await expect(race).rejects.toThrow('user');
    await expect(
      first([() => 1], { signal: AbortSignal.abort(new Error('early')) }),
    ).rejects.toThrow('early');
  });
});
