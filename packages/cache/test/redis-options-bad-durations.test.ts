import { CacheArgumentError, createRedisBus, createRedisStore } from '@hotpath/cache';
import { expect, it } from 'vitest';

// Nothing listens on port 9: a check that passes would try to connect and fail differently.
const url = 'redis://127.0.0.1:9';

it.each([Number.NaN, -1, 0, 2 ** 31, '100' as never])(
  'createRedisBus refuses timeoutMs %s with CacheArgumentError (NaN or 2^31 ms made every publish time out after 1 ms)',
  async (timeoutMs) => {
    await expect(createRedisBus({ url, timeoutMs, connectTimeoutMs: 50 })).rejects.toBeInstanceOf(
      CacheArgumentError,
    );
  },
);

it('createRedisBus refuses a connectTimeoutMs a timer cannot hold', async () => {
  await expect(createRedisBus({ url, connectTimeoutMs: 2 ** 31 })).rejects.toBeInstanceOf(
    CacheArgumentError,
  );
});

it.each([
  ['connectTimeoutMs', Number.NaN],
  ['connectTimeoutMs', 2 ** 31],
  ['maxReconnectDelayMs', -5],
  ['maxReconnectDelayMs', Number.NaN],
])('createRedisStore refuses %s %s with CacheArgumentError', async (name, value) => {
  await expect(createRedisStore({ url, [name]: value })).rejects.toBeInstanceOf(CacheArgumentError);
});
