import { CacheArgumentError, canonicalDigest, createCache, ToolResultCache } from '@hotpath/cache';
import { expect, it } from 'vitest';

it('tool calls whose arguments differ only in a Date never share a result', async () => {
  await using cache = await createCache();
  const tools = new ToolResultCache({ cache });
  const execute = async (args: unknown) => (args as { since: Date }).since.toISOString();
  expect(await tools.run('history', { since: new Date(0) }, execute)).toBe(
    '1970-01-01T00:00:00.000Z',
  );
  expect(await tools.run('history', { since: new Date(86_400_000) }, execute)).toBe(
    '1970-01-02T00:00:00.000Z',
  );
});

it('a value with toJSON is keyed by what JSON would send for it', () => {
  const price = { toJSON: () => '12.50', cents: 1250 };
  expect(canonicalDigest({ p: new Date(5) })).toBe(canonicalDigest({ p: new Date(5).toJSON() }));
  expect(canonicalDigest({ p: new Date(5) })).not.toBe(canonicalDigest({ p: new Date(6) }));
  expect(canonicalDigest({ p: price })).toBe(canonicalDigest({ p: '12.50' }));
});

it('Maps and Sets, whose entries the key cannot see, are refused with CacheArgumentError, not keyed as {}', async () => {
  await using cache = await createCache();
  const tools = new ToolResultCache({ cache });
  let runs = 0;
  const execute = async () => ++runs;
  for (const args of [{ ids: new Set([1]) }, { byId: new Map([[1, 'a']]) }, [new Map()]]) {
    await expect(tools.run('lookup', args, execute)).rejects.toBeInstanceOf(CacheArgumentError);
    expect(() => canonicalDigest(args)).toThrow(CacheArgumentError);
  }
  expect(runs).toBe(0);
});
