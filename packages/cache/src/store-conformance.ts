import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyvStoreLike } from './store.ts';

/** Registers one named check with the test runner (vitest's or node:test's `it`). */
export type RegisterTest = (name: string, run: () => Promise<void>) => void;

/** A check of the suite: opens a fresh store, exercises it, throws on a violation. */
type Check = (store: KeyvStoreLike) => Promise<void>;

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  throw new Error(`expected bytes or base64 text, got ${typeof value}`);
}

const checks: Record<string, Check> = {
  'get of a missing key resolves undefined': async (store) => {
    equal(await store.get('conformance:missing'), undefined);
  },
  'set then get returns the same string': async (store) => {
    await store.set('conformance:text', 'héllo ✓ \u0000 end');
    equal(await store.get('conformance:text'), 'héllo ✓ \u0000 end');
  },
  'a later set overwrites': async (store) => {
    await store.set('conformance:over', 'a');
    await store.set('conformance:over', 'b');
    equal(await store.get('conformance:over'), 'b');
  },
  'bytes survive exactly (as bytes, or as base64 text for text stores)': async (store) => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await store.set(
      'conformance:bytes',
      store.binary ? bytes : Buffer.from(bytes).toString('base64'),
    );
    deepStrictEqual([...bytesOf(await store.get('conformance:bytes'))], [...bytes]);
  },
  'delete resolves whether the key existed and removes it': async (store) => {
    await store.set('conformance:del', 'x');
    equal(await store.delete('conformance:del'), true);
    equal(await store.get('conformance:del'), undefined);
    equal(await store.delete('conformance:del'), false);
  },
  'an entry with a ttl expires': async (store) => {
    await store.set('conformance:ttl', 'x', 30);
    await store.set('conformance:keep', 'y', 60_000);
    await sleep(120);
    equal(await store.get('conformance:ttl'), undefined);
    equal(await store.get('conformance:keep'), 'y');
  },
  'clear removes every key': async (store) => {
    await store.set('conformance:c1', '1');
    await store.set('conformance:c2', '2');
    await store.clear();
    equal(await store.get('conformance:c1'), undefined);
    equal(await store.get('conformance:c2'), undefined);
  },
  'getMany answers in input order with undefined for missing keys': async (store) => {
    if (store.getMany === undefined) return;
    await store.set('conformance:m1', 'one');
    await store.set('conformance:m3', 'three');
    const keys = ['conformance:m3', 'conformance:m2', 'conformance:m1'];
    deepStrictEqual(await store.getMany(keys), ['three', undefined, 'one']);
  },
  'keys with separators and unicode stay distinct': async (store) => {
    const keys = ['conformance:a:b', 'conformance:a::b', 'conformance:ä/b', 'conformance: a'];
    for (const [i, key] of keys.entries()) await store.set(key, String(i));
    for (const [i, key] of keys.entries()) equal(await store.get(key), String(i));
  },
  'a 1 MB value round-trips': async (store) => {
    const big = 'x'.repeat(1 << 20);
    await store.set('conformance:big', big);
    const back = await store.get('conformance:big');
    ok(typeof back === 'string' && back.length === big.length && back === big);
  },
};

/**
 * The conformance suite every L2 store passes: registers one test per rule with your
 * runner. Each test gets a fresh store from `open` and disconnects it afterwards.
 * @example
 * ```ts
 * import { it } from 'vitest';
 * testCacheStore(() => createSqliteStore({ path: tmpFile() }), it);
 * ```
 */
export function testCacheStore(
  open: () => KeyvStoreLike | Promise<KeyvStoreLike>,
  test: RegisterTest,
): void {
  for (const [name, check] of Object.entries(checks)) {
    test(`store conformance: ${name}`, async () => {
      const store = await open();
      try {
        await check(store);
      } finally {
        await store.disconnect?.();
      }
    });
  }
}
