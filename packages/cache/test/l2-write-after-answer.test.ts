import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCache, createSqliteStore, type KeyvStoreLike } from '../src/index.ts';
import { tempDir } from './helpers.ts';

/** A store that records the order of the writes it takes. */
function recordingStore(log: string[]): KeyvStoreLike {
  const data = new Map<string, unknown>();
  return {
    get: async (key: string) => data.get(key),
    set: async (key: string, value: unknown) => {
      log.push('l2 write');
      data.set(key, value);
      return true;
    },
    delete: async (key: string) => data.delete(key),
    clear: async () => data.clear(),
  };
}

describe('background L2 writes', () => {
  it('getOrSet answers (and its caller continues) before the L2 write, which follows in the same turn of the loop', async () => {
    const log: string[] = [];
    await using cache = await createCache({ l2: recordingStore(log) });
    const answered = cache.getOrSet('k', () => 'v').then((value) => log.push(`answered ${value}`));
    await answered;
    expect(log).toEqual(['answered v']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['answered v', 'l2 write']);
  });

  it('close() waits for a background L2 write still pending, so the next process reads it', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'cache.sqlite');
    const first = await createCache({ l2: await createSqliteStore({ path }) });
    expect(await first.getOrSet('k', () => ({ answer: 42 }))).toEqual({ answer: 42 });
    await first.close();
    await using second = await createCache({ l2: await createSqliteStore({ path }) });
    expect(await second.get('k')).toEqual({ answer: 42 });
  });
});
