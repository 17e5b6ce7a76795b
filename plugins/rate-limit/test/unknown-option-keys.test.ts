import {
  createRedisRateLimitStore,
  RateLimitArgumentError,
  rateLimitPlugin,
} from '@hotpath/plugin-rate-limit';
import { expect, it } from 'vitest';

it('rateLimitPlugin and createRedisRateLimitStore reject old duration names, naming the Ms spelling', () => {
  const limits = [{ name: 'rpm', limit: 10 }];
  expect(() => rateLimitPlugin({ limits, fallbackPause: 5 } as never)).toThrow(
    RateLimitArgumentError,
  );
  expect(() => rateLimitPlugin({ limits, fallbackPause: 5 } as never)).toThrow(
    'rateLimitPlugin(): options.fallbackPause is not an option; durations are in milliseconds and end in Ms: use options.fallbackPauseMs.',
  );
  expect(() =>
    createRedisRateLimitStore({ url: 'redis://127.0.0.1:1', connectTimeout: 5 } as never),
  ).toThrow('use options.connectTimeoutMs.');
});
