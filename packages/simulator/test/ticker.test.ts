import { describe, expect, it } from 'vitest';
import { createPrng } from '../src/internal/prng.ts';
import { Ticker } from '../src/internal/ticker.ts';

describe('Ticker (one timer for all paced streams)', () => {
  it('runs callbacks in due order, ties in scheduling order, and skips cancelled ones', async () => {
    const ticker = new Ticker();
    const prng = createPrng(1);
    const start = performance.now();
    const due = Array.from({ length: 500 }, () => start + Math.floor(prng() * 40));
    const ran: number[] = [];
    const handles = due.map((at, i) => ticker.schedule(at, () => ran.push(i)));
    for (let i = 0; i < due.length; i += 7) handles[i]!.cancel();
    const last = Math.max(...due);
    await new Promise<void>((resolve) => ticker.schedule(last + 1, resolve));
    const expected = due
      .map((at, i) => ({ at, i }))
      .filter(({ i }) => i % 7 !== 0)
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map(({ i }) => i);
    expect(ran).toEqual(expected);
  });

  it('runs a callback scheduled from a callback for "now" on the next wake-up, not in a loop', async () => {
    const ticker = new Ticker();
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      ticker.schedule(performance.now() + 5, () => {
        order.push('first');
        ticker.schedule(performance.now(), () => {
          order.push('second');
          resolve();
        });
        order.push('first done');
      });
    });
    expect(order).toEqual(['first', 'first done', 'second']);
  });

  it('clear() drops everything pending', async () => {
    const ticker = new Ticker();
    let ran = 0;
    for (let i = 0; i < 100; i++) ticker.schedule(performance.now() + 5, () => ran++);
    ticker.clear();
    const after = new Ticker();
    await new Promise<void>((resolve) => after.schedule(performance.now() + 20, resolve));
    expect(ran).toBe(0);
  });
});
