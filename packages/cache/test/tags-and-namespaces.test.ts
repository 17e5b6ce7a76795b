import { join } from 'node:path';
import { createCache, createSqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

it('invalidates every entry of a tag and keeps the others', async () => {
  await using cache = await createCache();
  await cache.set('u1', 'alice', { tags: ['users'] });
  await cache.set('u2', 'bob', { tags: ['users', 'admins'] });
  await cache.set('p1', 'post', { tags: ['posts'] });
  await cache.invalidateTags(['users']);
  expect(cache.getSync('u1')).toBeUndefined();
  expect(cache.getSync('u2')).toBeUndefined();
  expect(cache.getSync('p1')).toBe('post');
  await cache.set('u1', 'alice v2', { tags: ['users'] });
  expect(cache.getSync('u1')).toBe('alice v2');
});

it('shares tag invalidations with another instance through L2', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'tags.sqlite');
  await using a = await createCache({ l2: await createSqliteStore({ path }) });
  await using b = await createCache({ l2: await createSqliteStore({ path }) });
  await a.set('u1', 'alice', { tags: ['users'] });
  await b.invalidateTags(['users']);
  await using c = await createCache({ l2: await createSqliteStore({ path }) });
  expect(await c.get('u1')).toBeUndefined();
});

it('prefixes namespace keys and clears one namespace in O(1) without touching others', async () => {
  await using cache = await createCache();
  const users = cache.namespace('users');
  const posts = cache.namespace('posts');
  await users.set('1', 'alice');
  await posts.set('1', 'hello');
  await cache.set('1', 'root');
  expect(users.getSync('1')).toBe('alice');
  expect(cache.getSync('users:1')).toBe('alice');
  await users.clear();
  expect(users.getSync('1')).toBeUndefined();
  expect(posts.getSync('1')).toBe('hello');
  expect(cache.getSync('1')).toBe('root');
  await users.set('1', 'alice again');
  expect(users.getSync('1')).toBe('alice again');
});

it('clears nested namespaces with their parent', async () => {
  await using cache = await createCache();
  const tenant = cache.namespace('t1');
  const sessions = tenant.namespace('sessions');
  await sessions.set('s', 'data');
  await tenant.clear();
  expect(sessions.getSync('s')).toBeUndefined();
});

it('clear() on the root empties every tier', async () => {
  using dir = tempDir();
  await using cache = await createCache({
    l2: await createSqliteStore({ path: join(dir.path, 'c.sqlite') }),
  });
  await cache.set('a', 1);
  await cache.clear();
  expect(await cache.get('a')).toBeUndefined();
  expect(cache.stats().entries).toBe(0);
});
