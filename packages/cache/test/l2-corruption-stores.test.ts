// The cache's own entry checksum protects every L2 store, not only SQLite: entries in a binary
// store, a text (base64) store and a real redis-server are corrupted at every offset, and a tag's
// invalidation record is corrupted so that an invalidated entry must never come back.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  type Cache,
  createCache,
  createRedisStore,
  type KeyvStoreLike,
  openSqliteStore,
} from '@hotpath/cache';
import { type RedisServer, startRedisServer } from '@hotpath/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptions, ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

const VALUE = { answer: 'the cached answer ✓ 😀', tokens: [1, 2, 3], at: new Date(5), n: 7n };

function mapStore(binary: boolean): KeyvStoreLike & { rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  return {
    rows,
    binary,
    get: async (key) => rows.get(key),
    set: async (key, value) => rows.set(key, value),
    delete: async (key) => rows.delete(key),
    clear: async () => rows.clear(),
  };
}

/** Reads `key` through a cache whose L1 holds one entry, then evicts it by reading `filler`. */
async function readL2(cache: Cache, key: string): Promise<unknown> {
  const value = await cache.get(key);
  await cache.get('filler');
  return value;
}

/** Every read is the right value, or a miss with an integrity or decode event. */
function expectRightOrMissWithEvent(value: unknown, events: ErrorEvents, what: string): boolean {
  const codes = events.take().map((e) => e.error.code);
  if (value !== undefined) {
    expect(value, what).toStrictEqual(VALUE);
    expect(codes, what).toEqual([]);
    return false;
  }
  expect(codes, what).toHaveLength(1);
  expect(['HOTPATH_CACHE_INTEGRITY_FAILED', 'HOTPATH_CACHE_DECODE_FAILED'], what).toContain(
    codes[0],
  );
  return true;
}

describe('entries in other stores', () => {
  for (const binary of [true, false]) {
    it(`${binary ? 'binary' : 'text (base64)'} store: every corruption of an entry reads as a miss with an event or the right value`, async () => {
      using events = new ErrorEvents();
      const store = mapStore(binary);
      await using writer = await createCache({ l2: store });
      await writer.set('k', VALUE, { ttlMs: 60_000, tags: ['t'] });
      await writer.set('filler', 'x');
      await using reader = await createCache({ l2: store, max: 1 });
      const original = store.rows.get('k') as Uint8Array | string;
      const bytes = binary ? (original as Uint8Array) : Buffer.from(original as string, 'latin1');
      let misses = 0;
      let total = 0;
      for (const { what, bytes: damaged } of corruptions(bytes)) {
        store.rows.set('k', binary ? damaged : Buffer.from(damaged).toString('latin1'));
        if (expectRightOrMissWithEvent(await readL2(reader, 'k'), events, what)) misses++;
        total++;
      }
      // Only base64 changes that decode to the same bytes (padding, unused low bits) read right.
      expect(misses).toBeGreaterThan(total * (binary ? 0.999 : 0.9));
    });
  }

  it('an entry copied under another key does not verify there', async () => {
    using events = new ErrorEvents();
    const store = mapStore(true);
    await using cache = await createCache({ l2: store, max: 1 });
    await cache.set('a', VALUE);
    store.rows.set('b', store.rows.get('a'));
    expect(await readL2(cache, 'b')).toBeUndefined();
    expect(events.take().map((e) => e.error.code)).toEqual(['HOTPATH_CACHE_INTEGRITY_FAILED']);
  });

  it('an entry written to the SQLite store (checked by its row checksum) is not an entry elsewhere', async () => {
    using dir = tempDir();
    using events = new ErrorEvents();
    const sqlite = openSqliteStore({ path: join(dir.path, 'moved.sqlite') });
    await using writer = await createCache({ l2: sqlite });
    await writer.set('k', VALUE);
    const store = mapStore(true);
    store.rows.set('k', await sqlite.get('k')); // the entry's bytes, moved to a store that checks nothing
    await using reader = await createCache({ l2: store, max: 1 });
    expect(await readL2(reader, 'k')).toBeUndefined();
    expect(events.take().map((e) => e.error.code)).toEqual(['HOTPATH_CACHE_DECODE_FAILED']);
    expect(await readL2(writer, 'k')).toStrictEqual(VALUE);
  });
});

describe('entries in Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('every corruption of a stored entry (bytes changed in place, truncation) reads as a miss with an event or the right value', async () => {
    using events = new ErrorEvents();
    const open = () => createRedisStore({ url: redis.url, namespace: 'corrupt' });
    await using writer = await createCache({ l2: await open() });
    await writer.set('k', VALUE, { ttlMs: 60_000 });
    await writer.set('filler', 'x');
    const store = await open();
    await using reader = await createCache({ l2: store, max: 1 });
    await store.get('connect'); // @keyv/redis connects on first use
    const client = (store as unknown as { client: RedisClient }).client;
    const [raw] = (await client.keys('*corrupt*k')).filter((key) => !key.endsWith('filler'));
    const original = Buffer.from((await client.get(raw!))!, 'latin1');
    let misses = 0;
    let total = 0;
    for (const { what, bytes } of corruptions(original, { ranges: [2, 4] })) {
      await client.set(raw!, Buffer.from(bytes).toString('latin1'), { KEEPTTL: true });
      if (expectRightOrMissWithEvent(await readL2(reader, 'k'), events, what)) misses++;
      total++;
    }
    expect(misses).toBeGreaterThan(total * 0.9);
  });
});

interface RedisClient {
  keys(pattern: string): Promise<string[]>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { KEEPTTL: true }): Promise<unknown>;
}

describe('tag invalidation records', () => {
  for (const kind of ['SQLite', 'binary map', 'text map'] as const) {
    it(`${kind}: a corrupt record counts as "invalidated now", so an invalidated entry never comes back`, async () => {
      using dir = tempDir();
      using events = new ErrorEvents();
      const path = join(dir.path, 'tags.sqlite');
      const map = mapStore(kind === 'binary map');
      const open = (): KeyvStoreLike => (kind === 'SQLite' ? openSqliteStore({ path }) : map);
      {
        await using writer = await createCache({ l2: open() });
        await writer.set('old', 'invalidated', { tags: ['t'] });
        await writer.invalidateTags(['t']);
        await writer.set('new', 'valid', { tags: ['t'] });
      }
      const recordKey = '__hotpath_tag__:t';
      // SQLite: the row is damaged at rest (value changed, checksum kept) by a second connection.
      const db = kind === 'SQLite' ? new DatabaseSync(path) : undefined;
      const row = db?.prepare('SELECT * FROM hotpath_cache WHERE key = ?').get(recordKey);
      const record = (row?.value ?? map.rows.get(recordKey)) as Uint8Array | string;
      const bytes = typeof record === 'string' ? Buffer.from(record, 'latin1') : record;
      const put = (value: Uint8Array): void => {
        if (typeof record === 'string')
          map.rows.set(recordKey, Buffer.from(value).toString('latin1'));
        else if (db === undefined) map.rows.set(recordKey, value);
        else {
          db.prepare(
            'UPDATE hotpath_cache SET value = ?, kind = ?, expires = ?, checksum = ? WHERE key = ?',
          ).run(value, row!.kind!, row!.expires!, row!.checksum!, recordKey);
        }
      };
      let detected = 0;
      for (const { what, bytes: damaged } of corruptions(bytes, { ranges: [2, 4] })) {
        put(damaged);
        await using reader = await createCache({ l2: open() });
        expect(await reader.get('old'), what).toBeUndefined();
        const fresh = await reader.get('new');
        if (fresh === undefined) detected++;
        else expect(fresh, what).toBe('valid');
        await reader.close();
        put(bytes);
      }
      db?.close();
      expect(detected).toBeGreaterThan(50);
      expect(events.seen.length).toBeGreaterThanOrEqual(detected);
    });
  }
});
