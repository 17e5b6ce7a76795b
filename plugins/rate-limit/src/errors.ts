import { HotpathArgumentError, HotpathError } from '@hotpath/protocol';

/**
 * Bad options given to `rateLimitPlugin()` or `createRedisRateLimitStore()`. A `TypeError`
 * with the stable code `HOTPATH_RATE_LIMIT_INVALID_ARGUMENT`; the message names the option.
 */
export class RateLimitArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_RATE_LIMIT_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_RATE_LIMIT_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.fallbackPauseMs`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    const problem = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_RATE_LIMIT_INVALID_ARGUMENT', `${problem}`);
  }
}

/**
 * The Redis store could not reach Redis (down, refused, closed) or the script failed. Thrown at
 * once instead of queueing, so callers fail fast; the store reconnects in the background.
 */
export class RedisStoreError extends HotpathError {
  /** @param url - the Redis URL, without credentials */
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE',
      `the rate-limit store at ${url} failed (${reason}): check that Redis is running and reachable.`,
      { cause },
    );
    this.name = 'RedisStoreError';
  }
}

/** The optional peer dependency `@redis/client` is not installed. */
export class RedisClientMissingError extends HotpathError {
  constructor(cause: unknown) {
    super(
      'HOTPATH_RATE_LIMIT_REDIS_CLIENT_MISSING',
      'createRedisRateLimitStore() needs the optional peer dependency @redis/client: install it (npm i @redis/client).',
      { cause },
    );
    this.name = 'RedisClientMissingError';
  }
}
