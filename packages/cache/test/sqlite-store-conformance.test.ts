import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore, openSqliteStore } from '@hotpath/cache';
import { testCacheStore } from '@hotpath/cache/test-suite';
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'hotpath-cache-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteStore', () => {
  testCacheStore(() => createSqliteStore({ path: join(dir, `conformance-${n++}.sqlite`) }), it);

  it('keeps values across reopening the file, in WAL mode', async () => {
    const path = join(dir, 'persist.sqlite');
    const first = await createSqliteStore({ path });
    await first.set('k', Uint8Array.of(1, 2, 3));
    await first.set('obj', { when: new Date(7), n: 3n });
    await first.disconnect();
    await using second = await createSqliteStore({ path });
    expect(await second.get('k')).toEqual(Uint8Array.of(1, 2, 3));
    expect(await second.get('obj')).toEqual({ when: new Date(7), n: 3n });
  });

  it('keeps keyv namespaces apart in clear() and iterator(), keys as keyv prefixes them', async () => {
    const path = join(dir, 'ns.sqlite');
    const app = new Keyv({ store: openSqliteStore({ path }), namespace: 'app' });
    const other = new Keyv({ store: openSqliteStore({ path }), namespace: 'other' });
    await app.set('mine', 'gone');
    await other.set('theirs', 'kept');
    await using raw = openSqliteStore({ path });
    expect(typeof (await raw.get('app:mine'))).toBe('string');
    await app.clear();
    expect(await app.get('mine')).toBeUndefined();
    expect(await other.get('theirs')).toBe('kept');
    await app.disconnect();
    await other.disconnect();
  });

  it('iterates a namespace in pages, in key order, without expired or foreign keys', async () => {
    await using store = await createSqliteStore({ path: join(dir, 'iterate.sqlite') });
    const keys = Array.from({ length: 250 }, (_, i) => `ns:${String(i).padStart(3, '0')}`);
    await store.setMany(keys.map((key, i) => ({ key, value: Uint8Array.of(i % 256) })));
    await store.set('ns:zzz-expired', 'x', 1);
    await store.set('nsx:other', 'x');
    await store.set('other:1', 'x');
    await sleep(20);
    const seen: [string, unknown][] = [];
    for await (const entry of store.iterator('ns')) seen.push(entry);
    expect(seen.map(([key]) => key)).toEqual(keys);
    expect(seen[249]![1]).toEqual(Uint8Array.of(249));
    let all = 0;
    for await (const _ of store.iterator()) all++;
    expect(all).toBe(252);
  });

  it('rejects use after close and bad table names', async () => {
    const store = await createSqliteStore({ path: ':memory:' });
    await store.disconnect();
    await expect(store.get('k')).rejects.toMatchObject({ code: 'HOTPATH_CACHE_CLOSED' });
    await expect(createSqliteStore({ path: ':memory:', table: 'x; DROP' })).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
