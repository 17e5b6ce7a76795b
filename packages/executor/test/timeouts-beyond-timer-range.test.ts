import { describe, expect, it } from 'vitest';
import { createBatcher, first, InvalidArgumentError, map } from '../src/index.ts';

// Node fires any setTimeout longer than 2^31 - 1 ms after 1 ms, so such a timeout would fail
// every task at once instead of (practically) never.
const TOO_LONG = 2 ** 31;

describe('timeouts beyond what a timer can hold', () => {
  it('map with timeoutMs over 2^31-1 ms throws InvalidArgumentError instead of timing every task out', () => {
    expect(() => map([1], async (x) => x, { timeoutMs: TOO_LONG })).toThrow(InvalidArgumentError);
  });

  it('map with timeoutMs of exactly 2^31-1 ms runs its tasks', async () => {
    const slow = (x: number) => new Promise<number>((resolve) => setTimeout(resolve, 20, x));
    await expect(map([1, 2], slow, { timeoutMs: TOO_LONG - 1 })).resolves.toEqual([1, 2]);
  });

  it('first with timeoutMs over 2^31-1 ms throws InvalidArgumentError', () => {
    expect(() => first([async () => 1], { timeoutMs: TOO_LONG })).toThrow(InvalidArgumentError);
  });

  it('createBatcher with maxWaitMs over 2^31-1 ms throws InvalidArgumentError', () => {
    expect(() =>
      createBatcher(async (keys: readonly number[]) => keys, { maxWaitMs: TOO_LONG }),
    ).toThrow(InvalidArgumentError);
  });
});
