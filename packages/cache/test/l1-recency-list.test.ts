import { expect, it } from 'vitest';
import { Lru } from '../src/internal/lru.ts';

it('evicts the least recently used key, counting get and set as uses and peek not', () => {
  const lru = new Lru<number>(3, 0);
  lru.set('a', 1);
  lru.set('b', 2);
  lru.set('c', 3);
  expect(lru.get('a')).toBe(1);
  expect(lru.peek('b')).toBe(2);
  lru.set('d', 4);
  expect([lru.has('a'), lru.has('b'), lru.has('c'), lru.has('d')]).toEqual([
    true,
    false,
    true,
    true,
  ]);
  lru.set('c', 30);
  expect(lru.oldestKey()).toBe('a');
  expect([...lru.values()]).toEqual([30, 4, 1]);
  expect(lru.size).toBe(3);
});

it('reuses the slots of deleted keys and empties on clear', () => {
  const lru = new Lru<string>(2, 0);
  lru.set('a', 'a');
  lru.set('b', 'b');
  expect(lru.delete('a')).toBe(true);
  expect(lru.delete('a')).toBe(false);
  lru.set('c', 'c');
  expect([...lru.values()]).toEqual(['c', 'b']);
  lru.set('d', 'd');
  expect([...lru.values()]).toEqual(['d', 'c']);
  lru.clear();
  expect([lru.size, lru.get('c'), lru.oldestKey()]).toEqual([0, undefined, undefined]);
  lru.set('e', 'e');
  expect([...lru.values()]).toEqual(['e']);
});

it('bounds the total size, evicting the oldest until a write fits, and tracks resizes', () => {
  const lru = new Lru<string>(10, 100);
  lru.set('a', 'a', 40);
  lru.set('b', 'b', 40);
  expect(lru.calculatedSize).toBe(80);
  lru.set('c', 'c', 40);
  expect([lru.has('a'), lru.calculatedSize]).toEqual([false, 80]);
  lru.set('b', 'b2', 10);
  expect([lru.calculatedSize, lru.oldestKey()]).toEqual([50, 'c']);
  lru.delete('c');
  expect(lru.calculatedSize).toBe(10);
});
