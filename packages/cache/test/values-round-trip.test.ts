import { join } from 'node:path';
import { createCache, createSqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const sample = () => ({
  buffer: Buffer.from('buffer bytes'),
  bytes: Uint8Array.of(0, 1, 254, 255),
  floats: Float32Array.of(0.5, -1.25, 3.4028234663852886e38),
  date: new Date('2026-01-02T03:04:05.678Z'),
  big: 2n ** 70n,
  map: new Map<unknown, unknown>([
    ['a', { nested: [1, 'two', null] }],
    [3, new Set([1, 2])],
  ]),
  nested: { deep: { deeper: [{ x: 1 }, [true, false]] } },
});

it('returns values from L1 unchanged', async () => {
  await using cache = await createCache();
  const value = sample();
  await cache.set('v', value);
  expect(cache.getSync('v')).toBe(value);
});

it('round-trips Buffer, Uint8Array, Float32Array, Date, BigInt, Map and nested objects through SQLite L2', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'l2.sqlite');
  {
    await using writer = await createCache({ l2: await createSqliteStore({ path }) });
    await writer.set('v', sample());
  }
  await using reader = await createCache({ l2: await createSqliteStore({ path }) });
  const back = await reader.get<ReturnType<typeof sample>>('v');
  expect(back).toEqual(sample());
  expect(Buffer.isBuffer(back?.buffer)).toBe(true);
  expect(back?.bytes).toBeInstanceOf(Uint8Array);
  expect(back?.floats).toBeInstanceOf(Float32Array);
  expect(back?.map).toBeInstanceOf(Map);
  expect(typeof back?.big).toBe('bigint');
  expect(reader.stats().l2.hits).toBe(1);
  expect(reader.getSync('v')).toBe(back);
});

it('round-trips through a text-only store as base64', async () => {
  const rows = new Map<string, unknown>();
  const textStore = {
    get: async (key: string) => rows.get(key),
    set: async (key: string, value: unknown) => {
      expect(typeof value).toBe('string');
      rows.set(key, value);
    },
    delete: async (key: string) => rows.delete(key),
    clear: async () => rows.clear(),
  };
  await (await createCache({ l2: textStore })).set('v', sample());
  await using reader = await createCache({ l2: textStore });
  expect(await reader.get('v')).toEqual(sample());
});
