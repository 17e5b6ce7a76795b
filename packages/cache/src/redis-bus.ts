import {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  urlWithoutCredentials,
} from '@hotpath/protocol';
import type { BusMessage, CacheBus } from './bus.ts';
import { argumentError, BusConnectError, BusMessageError, CacheArgumentError } from './errors.ts';
import { publishError } from './internal/channels.ts';
import { loadKeyvRedis } from './internal/load-peer.ts';
import { checkTimerMs } from './internal/validate.ts';

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  /** `redis://host:port` of the server every instance shares. */
  readonly url: string;
  /** Pub/sub channel. @default 'hotpath:cache:bus' */
  readonly channel?: string;
  /** Bound on one publish, in ms; a slower publish is dropped and reported. @default 1000 */
  readonly timeoutMs?: number;
  /**
   * Bound on connecting at creation, in ms: an unreachable server rejects with
   * `BusConnectError` instead of retrying forever. @default 5000
   */
  readonly connectTimeoutMs?: number;
}

const OPTIONS: KnownKeys = knownKeys<RedisBusOptions>({
  url: true,
  channel: true,
  timeoutMs: true,
  connectTimeoutMs: true,
});

/** Connects every client within `timeoutMs`, or destroys them all and rejects. */
async function connectAll(
  clients: ReadonlyArray<{ connect(): Promise<unknown>; destroy(): void }>,
  url: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await bounded(
      () => Promise.all(clients.map((client) => client.connect())),
      timeoutMs,
      'connect',
    );
  } catch (cause) {
    // The clients would otherwise keep reconnecting in the background.
    for (const client of clients) client.destroy();
    throw new BusConnectError(urlWithoutCredentials(url), timeoutMs, { cause });
  }
}

/**
 * The message in `raw`, or undefined (reported on `hotpath:cache:error`) when it is not one.
 * Anyone who can publish on the channel can send anything: a field of the wrong shape must not
 * reach the handler, whose throw would break node-redis's subscription for every later message.
 */
function parse(raw: string): BusMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch (cause) {
    publishError('bus.parse', undefined, new BusMessageError(raw, { cause }));
    return undefined;
  }
  if (isBusMessage(message)) return message;
  publishError('bus.parse', undefined, new BusMessageError(raw));
  return undefined;
}

function isBusMessage(value: unknown): value is BusMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { source, keys, tags, clear } = value as Record<string, unknown>;
  return (
    typeof source === 'string' &&
    (keys === undefined || (Array.isArray(keys) && keys.every((key) => typeof key === 'string'))) &&
    (tags === undefined || (Array.isArray(tags) && tags.every(isTagTime))) &&
    (clear === undefined || typeof clear === 'boolean')
  );
}

function isTagTime(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[1])
  );
}

/** Calls the handler; a throw is reported, never left to break the subscription. */
function deliver(handler: (message: BusMessage) => void, message: BusMessage): void {
  try {
    handler(message);
  } catch (error) {
    publishError('bus.message', message.keys?.[0], error);
  }
}

/** Runs `start` and waits at most `timeout` ms for it (then rejects); a late result is still observed. */
async function bounded(
  start: () => Promise<unknown>,
  timeout: number,
  what: string,
): Promise<void> {
  const work = start();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bus ${what} took over ${timeout} ms`)), timeout);
  });
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
  }
}

/** Delivered locally (never published by a cache) when messages may have been missed. */
const RESYNC: BusMessage = { source: 'hotpath:bus:resync', clear: true };

/**
 * A publish that failed (connection lost, timeout) may never reach the others, even when their
 * own connections never dropped; once the publisher is connected again, it tells every instance
 * to drop its L1 copies.
 */
function trackLostPublishes(
  publisher: {
    on(event: 'ready', listener: () => void): unknown;
    publish(channel: string, message: string): Promise<unknown>;
  },
  channel: string,
): { failed: boolean } {
  const lost = { failed: false };
  publisher.on('ready', () => {
    if (!lost.failed) return;
    lost.failed = false;
    publisher.publish(channel, JSON.stringify(RESYNC)).catch((error: unknown) => {
      lost.failed = true;
      publishError('bus.publish', undefined, error);
    });
  });
  return lost;
}

/**
 * A {@link CacheBus} on Redis pub/sub: instances sharing an L2 tell each other which
 * keys and tags changed (never the values), so each drops its stale L1 copies.
 * Uses the Redis client bundled with `@keyv/redis` (optional peer dependency).
 * @example
 * ```ts
 * const cache = await createCache({ l2: await createRedisStore({ url }), bus: await createRedisBus({ url }) });
 * ```
 */
export async function createRedisBus(options: RedisBusOptions): Promise<CacheBus> {
  if (typeof options?.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
    throw new CacheArgumentError('options.url', 'a redis:// or rediss:// URL', options?.url);
  }
  checkKnownKeys(options, OPTIONS, 'options', argumentError);
  const { createClient } = await loadKeyvRedis();
  const channel = options.channel ?? 'hotpath:cache:bus';
  checkTimerMs(options.timeoutMs, 'options.timeoutMs', Number.MIN_VALUE);
  checkTimerMs(options.connectTimeoutMs, 'options.connectTimeoutMs', Number.MIN_VALUE);
  const timeout = options.timeoutMs ?? 1000;
  const connectTimeout = options.connectTimeoutMs ?? 5000;
  const socket = {
    connectTimeout: timeout,
    reconnectStrategy: (retries: number) => Math.min(50 * (retries + 1), 1000),
  };
  const publisher = createClient({ url: options.url, disableOfflineQueue: true, socket });
  const subscriber = publisher.duplicate();
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => publishError('bus.client', undefined, error));
  }
  await connectAll([publisher, subscriber], options.url, connectTimeout);
  const lost = trackLostPublishes(publisher, channel);
  return {
    publish: (message) =>
      bounded(() => publisher.publish(channel, JSON.stringify(message)), timeout, 'publish').catch(
        (error: unknown) => {
          lost.failed = true;
          throw error;
        },
      ),
    async subscribe(handler) {
      await subscriber.subscribe(channel, (raw: string) => {
        const message = parse(raw);
        if (message !== undefined) deliver(handler, message);
      });
      // Pub/sub keeps nothing for a disconnected subscriber: whatever was published while this
      // connection was down is gone, so the cache must assume every L1 copy may be stale.
      // node-redis emits 'ready' on a reconnect only after it has subscribed again.
      subscriber.on('ready', () => deliver(handler, RESYNC));
    },
    async close() {
      await Promise.allSettled([subscriber.close(), publisher.close()]);
    },
  };
}
