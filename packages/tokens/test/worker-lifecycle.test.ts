import { countedSignal, mixedCorpus } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import {
  createTokenizer,
  createTokenWorkers,
  TokenWorkerCrashedError,
  TokenWorkersClosedError,
} from '../src/index.ts';
import { createTokenWorkersWith } from '../src/token-workers.ts';

const inline = createTokenizer();
const big = mixedCorpus(2_000_000, 21);
const crashing = new URL('./fixtures/crashing-worker.ts', import.meta.url);

describe('abort', () => {
  it('rejects with the signal reason and keeps the thread alive and usable', async () => {
    await using workers = createTokenWorkers({
      threads: 1,
      idleTimeoutMs: Number.POSITIVE_INFINITY,
    });
    await workers.warm();
    const [thread] = workers.stats().threadIds;
    const controller = new AbortController();
    const pending = workers.count(big, { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('stop')));
    await expect(pending).rejects.toThrow('stop');
    expect(await workers.count(big.slice(0, 50_000))).toBe(inline.count(big.slice(0, 50_000)));
    expect(workers.stats()).toMatchObject({ threadIds: [thread], crashed: 0 });
    expect(workers.stats().cancelled).toBeGreaterThan(0);
  });

  it('rejects at once for an already aborted signal without a round trip', async () => {
    await using workers = createTokenWorkers({ threads: 1 });
    const reason = new Error('already');
    await expect(workers.count(big, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(workers.hash(big, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(workers.stats().tasks).toBe(0);
  });

  it('removes its abort listener when the call settles', async () => {
    await using workers = createTokenWorkers({
      threads: 1,
      inlineThreshold: 0,
      hashInlineThreshold: 0,
    });
    const { signal, counts } = countedSignal();
    for (let i = 0; i < 20; i++) await workers.count(`text ${i}`, { signal });
    await workers.hash(big, { signal });
    expect(counts()).toEqual({ added: 21, removed: 21 });
  });
});

describe('crash', () => {
  it('rejects the task with TokenWorkerCrashedError, replaces the thread and stays usable', async () => {
    await using workers = createTokenWorkersWith({ threads: 1, inlineThreshold: 0 }, crashing);
    await workers.warm();
    const [before] = workers.stats().threadIds;
    await expect(workers.count('CRASH now')).rejects.toBeInstanceOf(TokenWorkerCrashedError);
    await expect(workers.count('CRASH again')).rejects.toMatchObject({
      code: 'HOTPATH_TOKENS_WORKER_CRASHED',
    });
    expect(await workers.count('still works')).toBe(inline.count('still works'));
    const stats = workers.stats();
    expect(stats.crashed).toBe(2);
    expect(stats.threads).toBe(1);
    expect(stats.threadIds).not.toContain(before);
  });
});

describe('close', () => {
  it('rejects pending and later calls with TokenWorkersClosedError and is idempotent', async () => {
    const workers = createTokenWorkers({ threads: 1, hashInlineThreshold: 0 });
    const pending = expect(workers.count(big)).rejects.toBeInstanceOf(TokenWorkersClosedError);
    const pendingHash = expect(workers.hash(big)).rejects.toBeInstanceOf(TokenWorkersClosedError);
    await workers.close();
    await pending;
    await pendingHash;
    await expect(workers.count('after')).rejects.toMatchObject({
      code: 'HOTPATH_TOKENS_WORKERS_CLOSED',
    });
    await workers.close();
    expect(workers.stats().threads).toBe(0);
  });

  it('closes through Symbol.asyncDispose', async () => {
    let kept: ReturnType<typeof createTokenWorkers> | undefined;
    {
      await using workers = createTokenWorkers({ threads: 1 });
      kept = workers;
      await workers.warm();
    }
    await expect(kept.count(big)).rejects.toBeInstanceOf(TokenWorkersClosedError);
  });
});
