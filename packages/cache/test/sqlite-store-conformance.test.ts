import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, testCacheStore } from '@hotpath/cache';
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

  it('clears only its namespace when keyv sets one', async () => {
    await using store = await createSqliteStore({ path: join(dir, 'ns.sqlite') });
    await store.set('other', 'kept');
    store.namespace = 'app';
    await store.set('mine', 'gone');
    await store.clear();
    expect(await store.get('mine')).toBeUndefined();
    store.namespace = undefined;
    expect(await store.get('other')).toBe('kept');
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
