import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import { argumentError, CacheArgumentError } from './errors.ts';
import { publishError } from './internal/channels.ts';
import { loadKeyvRedis } from './internal/load-peer.ts';
import { checkTimerMs } from './internal/validate.ts';
import type { KeyvStoreLike } from './store.ts';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (also Valkey). */
  readonly url: string;
  /** Key prefix (`<namespace>::key`); `clear()` deletes only these keys. @default 'hotpath' */
  readonly namespace?: string;
  /** Connect timeout in ms (node-redis `socket.connectTimeout`). @default 1000 */
  readonly connectTimeoutMs?: number;
  /** Cap of the reconnect delay in ms (the delay grows 50 ms per attempt). @default 1000 */
  readonly maxReconnectDelayMs?: number;
}

const OPTIONS: KnownKeys = knownKeys<RedisStoreOptions>({
  url: true,
  namespace: true,
  connectTimeoutMs: true,
  maxReconnectDelayMs: true,
});

/**
 * Creates an L2 store on Redis or Valkey through the official keyv adapter
 * (`@keyv/redis`, an optional peer dependency loaded on first use), configured to
 * fail fast while the server is unreachable (no offline queue, errors thrown, bounded
 * reconnect), so the cache falls back to L1 and factories instead of hanging.
 * @example
 * ```ts
 * const cache = await createCache({ l2: await createRedisStore({ url: 'redis://127.0.0.1:6379' }) });
 * ```
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<KeyvStoreLike> {
  if (typeof options?.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
    throw new CacheArgumentError('options.url', 'a redis:// or rediss:// URL', options?.url);
  }
  checkKnownKeys(options, OPTIONS, 'options', argumentError);
  checkTimerMs(options.connectTimeoutMs, 'options.connectTimeoutMs', Number.MIN_VALUE);
  checkTimerMs(options.maxReconnectDelayMs, 'options.maxReconnectDelayMs', 0);
  const { default: KeyvRedis } = await loadKeyvRedis();
  const connectTimeout = options.connectTimeoutMs ?? 1000;
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  const store = new KeyvRedis(
    {
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout,
        reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), maxDelay),
      },
    },
    {
      namespace: options.namespace ?? 'hotpath',
      throwOnErrors: true,
      throwOnConnectError: true,
      connectionTimeout: connectTimeout,
    },
  );
  store.on('error', (error: unknown) => publishError('redis', undefined, error));
  store.client.on('error', (error: unknown) => publishError('redis.client', undefined, error));
  return store as unknown as KeyvStoreLike;
}
