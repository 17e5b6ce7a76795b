import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTokenWorkers, DEFAULT_NICE_INCREMENT, TokensArgumentError } from '../src/index.ts';

// Nice value of every thread of this process, from /proc/self/task/<tid>/stat (field 19).
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nices.set(Number(tid), Number(fields[16]));
  }
  return nices;
}

describe.runIf(process.platform === 'linux')('worker thread priority', () => {
  it('runs the worker threads at a higher nice value than the calling thread', async () => {
    const base = threadNices().get(process.pid)!;
    const before = new Set(threadNices().keys());
    await using workers = createTokenWorkers({ threads: 2, idleTimeout: Number.POSITIVE_INFINITY });
    await workers.warm();
    const added = [...threadNices()].filter(([tid]) => !before.has(tid));
    const lowered = added.filter(
      ([, nice]) => nice === Math.min(19, base + DEFAULT_NICE_INCREMENT),
    );
    expect(lowered).toHaveLength(2);
    expect(threadNices().get(process.pid)).toBe(base);
  });

  it('keeps the caller priority with niceIncrement 0 and rejects values outside 0–19', async () => {
    const base = threadNices().get(process.pid)!;
    const before = new Set(threadNices().keys());
    await using workers = createTokenWorkers({ threads: 1, niceIncrement: 0 });
    await workers.warm();
    const added = [...threadNices()].filter(([tid]) => !before.has(tid));
    expect(added.filter(([, nice]) => nice !== base)).toEqual([]);
    expect(() => createTokenWorkers({ niceIncrement: 20 })).toThrow(TokensArgumentError);
    expect(() => createTokenWorkers({ niceIncrement: -1 })).toThrow(/options.niceIncrement/);
  });
});
