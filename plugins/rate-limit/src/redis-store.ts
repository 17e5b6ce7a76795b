import { createHash } from 'node:crypto';
import type { BucketConfig, RateLimitStore, TakeResult } from '@hotpath/executor';
import {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  urlWithoutCredentials,
} from '@hotpath/protocol';
import { RateLimitArgumentError, RedisStoreError } from './errors.ts';
import { connectionOptions, loadRedis, type RedisConnection } from './internal/redis-client.ts';
import {
  PAUSE_SCRIPT,
  PEEK_SCRIPT,
  REFUND_SCRIPT,
  SYNC_SCRIPT,
  TAKE_SCRIPT,
} from './internal/scripts.ts';

/** Options of {@link createRedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Redis URL, for example `redis://127.0.0.1:6379`. */
  readonly url: string;
  /** Prefix of every key the store writes; stores with the same prefix share limits. @default 'hotpath:rate-limit' */
  readonly prefix?: string;
  /** How long connecting may take before the call fails, in ms. @default 2000 */
  readonly connectTimeoutMs?: number;
}

/** A {@link RateLimitStore} in Redis, shared by every process that uses the same URL and prefix. */
export interface RedisRateLimitStore extends RateLimitStore, AsyncDisposable {
  take(
    buckets: readonly BucketConfig[],
    amounts: readonly number[],
    now: number,
  ): Promise<TakeResult>;
  refund(buckets: readonly BucketConfig[], amounts: readonly number[], now: number): Promise<void>;
  sync(
    bucket: BucketConfig,
    remaining: number,
    resetMs: number | undefined,
    now: number,
  ): Promise<void>;
  pause(until: number): Promise<void>;
  /** The units each bucket holds at `now`, after refill (a full bucket if it was never used). */
  peek(buckets: readonly BucketConfig[], now: number): Promise<number[]>;
  /** Disconnects. Calls after `close()` fail with `HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE`. */
  close(): Promise<void>;
}

interface Script {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const SCRIPTS = {
  take: script(TAKE_SCRIPT),
  refund: script(REFUND_SCRIPT),
  sync: script(SYNC_SCRIPT),
  pause: script(PAUSE_SCRIPT),
  peek: script(PEEK_SCRIPT),
};

class RedisStore implements RedisRateLimitStore {
  readonly #url: string;
  readonly #safeUrl: string;
  readonly #prefix: string;
  readonly #connectTimeoutMs: number;
  #client: Promise<RedisConnection> | undefined;
  #closed = false;

  constructor(options: RedisRateLimitStoreOptions) {
    this.#url = options.url;
    this.#safeUrl = urlWithoutCredentials(options.url);
    this.#prefix = options.prefix ?? 'hotpath:rate-limit';
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  }

  async take(
    buckets: readonly BucketConfig[],
    amounts: readonly number[],
    now: number,
  ): Promise<TakeResult> {
    const keys = [this.#pauseKey(), ...buckets.map((b) => this.#key(b))];
    const args = buckets.flatMap((b, i) => [b.capacity, b.intervalMs, amounts[i]!]);
    const [ok, waitMs, paused] = (await this.#run(SCRIPTS.take, keys, [now, ...args])) as [
      number,
      string,
      number,
    ];
    return { ok: ok === 1, waitMs: Number(waitMs), paused: paused === 1 };
  }

  async refund(
    buckets: readonly BucketConfig[],
    amounts: readonly number[],
    now: number,
  ): Promise<void> {
    const args = buckets.flatMap((b, i) => [b.capacity, b.intervalMs, amounts[i]!]);
    await this.#run(
      SCRIPTS.refund,
      buckets.map((b) => this.#key(b)),
      [now, ...args],
    );
  }

  async sync(
    bucket: BucketConfig,
    remaining: number,
    resetMs: number | undefined,
    now: number,
  ): Promise<void> {
    const args = [now, bucket.capacity, bucket.intervalMs, remaining, resetMs ?? -1];
    await this.#run(SCRIPTS.sync, [this.#key(bucket)], args);
  }

  async pause(until: number): Promise<void> {
    await this.#run(SCRIPTS.pause, [this.#pauseKey()], [until]);
  }

  async peek(buckets: readonly BucketConfig[], now: number): Promise<number[]> {
    const args = buckets.flatMap((b) => [b.capacity, b.intervalMs]);
    const levels = await this.#run(
      SCRIPTS.peek,
      buckets.map((b) => this.#key(b)),
      [now, ...args],
    );
    return (levels as string[]).map(Number);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    const connection = await client.catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  // The hash tag keeps every key of one store in one cluster slot, as a script requires.
  #key(bucket: BucketConfig): string {
    return `{${this.#prefix}}:${bucket.key}`;
  }

  #pauseKey(): string {
    return `{${this.#prefix}}:pause`;
  }

  async #run(s: Script, keys: readonly string[], args: readonly number[]): Promise<unknown> {
    try {
      const client = await this.#connection();
      const tail = [String(keys.length), ...keys, ...args.map(String)];
      try {
        return await client.sendCommand(['EVALSHA', s.sha, ...tail]);
      } catch (error) {
        if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
        return await client.sendCommand(['EVAL', s.source, ...tail]);
      }
    } catch (error) {
      throw error instanceof RedisStoreError ? error : new RedisStoreError(this.#safeUrl, error);
    }
  }

  #connection(): Promise<RedisConnection> {
    if (this.#closed) return Promise.reject(new RedisStoreError(this.#safeUrl, 'store closed'));
    if (this.#client === undefined) {
      const pending = connect(this.#url, this.#connectTimeoutMs);
      // A failed first connection is forgotten, so the next call tries again.
      pending.catch(() => {
        if (this.#client === pending) this.#client = undefined;
      });
      this.#client = pending;
    }
    return this.#client;
  }
}

async function connect(url: string, connectTimeoutMs: number): Promise<RedisConnection> {
  const { createClient } = await loadRedis();
  const { options, markConnected } = connectionOptions(url, connectTimeoutMs);
  const client = createClient(options);
  // Without a listener an 'error' event would crash the process; each failed call reports it.
  client.on('error', () => {});
  await client.connect();
  markConnected();
  return client;
}

const OPTIONS: KnownKeys = knownKeys<RedisRateLimitStoreOptions>({
  url: true,
  prefix: true,
  connectTimeoutMs: true,
});

/**
 * Creates a {@link RateLimitStore} in Redis: each operation is one atomic Lua script over all
 * the buckets it touches, so limiters in several processes sharing a URL and prefix never
 * together exceed a limit. Needs the optional peer dependency `@redis/client`, loaded on first
 * use. While Redis is unreachable every call fails at once with `HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * const store = createRedisRateLimitStore({ url: 'redis://127.0.0.1:6379' });
 * const limiter = createRateLimiter({ store, limits: [{ name: 'rpm', limit: 500 }] });
 * ```
 */

export function createRedisRateLimitStore(
  options: RedisRateLimitStoreOptions,
): RedisRateLimitStore {
  if (typeof options !== 'object' || options === null) {
    throw new RateLimitArgumentError('options', 'an object with a url');
  }
  checkKnownKeys(
    options,
    OPTIONS,
    'options',
    (m) => new RateLimitArgumentError(`createRedisRateLimitStore(): ${m}`),
  );
  if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
    throw new RateLimitArgumentError('options.url', 'a redis:// or rediss:// URL');
  }
  if (
    options.prefix !== undefined &&
    (typeof options.prefix !== 'string' || options.prefix === '')
  ) {
    throw new RateLimitArgumentError('options.prefix', 'a non-empty string');
  }
  const timeout = options.connectTimeoutMs;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new RateLimitArgumentError('options.connectTimeoutMs', 'a positive number');
  }
  return new RedisStore(options);
}
