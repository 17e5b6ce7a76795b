import { type Cache, createCache, createRedisBus, createRedisStore } from '@hotpath/cache';
import type { PluginEntry } from '@hotpath/host';
import { cachePlugin, type DeterminismPolicy } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { createRedisRateLimitStore, rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import type { Plugin } from '@hotpath/protocol';
import type { GatewayCacheConfig, GatewayConfig } from '../config.ts';
import { routerPlugin } from './router-plugin.ts';

function determinism(cache: GatewayCacheConfig): DeterminismPolicy {
  return {
    ...(cache.maxTemperature === undefined ? {} : { maxTemperature: cache.maxTemperature }),
    ...(cache.force === undefined ? {} : { force: cache.force }),
    ...(cache.ttlMs === undefined ? {} : { ttlMs: cache.ttlMs }),
  };
}

/** A cache over a Redis L2 and bus; whatever opened is closed again when a part fails. */
async function openRedisCache(max: number, redis: string): Promise<Cache> {
  const opened = await Promise.allSettled([
    createRedisStore({ url: redis }),
    createRedisBus({ url: redis }),
  ]);
  const [store, bus] = opened;
  try {
    if (store.status === 'rejected') throw store.reason;
    if (bus.status === 'rejected') throw bus.reason;
    return await createCache({ max, l2: store.value, bus: bus.value });
  } catch (error) {
    await Promise.allSettled([
      store.status === 'fulfilled' ? store.value.disconnect?.() : undefined,
      bus.status === 'fulfilled' ? bus.value.close() : undefined,
    ]);
    throw error;
  }
}

function cacheEntry(cache: GatewayCacheConfig, redis: string | undefined): Plugin {
  const max = cache.maxEntries ?? 10_000;
  if (redis === undefined) {
    return cachePlugin({
      cache: { max },
      ...(cache.path === undefined ? {} : { sqlitePath: cache.path }),
      determinism: determinism(cache),
    });
  }
  // The Redis-backed cache is opened in setup, so the host closes it with everything else.
  return {
    name: 'cache',
    async setup(context) {
      const shared = await openRedisCache(max, redis);
      context.onClose(() => shared.close());
      await cachePlugin({ cache: shared, determinism: determinism(cache) }).setup(context);
    },
  };
}

function rateLimitEntry(config: GatewayConfig, redis: string | undefined): Plugin | undefined {
  const { requestsPerMinute: rpm, tokensPerMinute: tpm } = config.rateLimit ?? {};
  if (rpm === undefined && tpm === undefined) return undefined;
  const limits = [
    ...(rpm === undefined
      ? []
      : [{ name: 'rpm', unit: 'requests' as const, limit: rpm, intervalMs: 60_000 }]),
    ...(tpm === undefined
      ? []
      : [{ name: 'tpm', unit: 'tokens' as const, limit: tpm, intervalMs: 60_000 }]),
  ];
  if (redis === undefined) return rateLimitPlugin({ limits });
  // The store connects on first use; the host closes it with the plugin.
  const store = createRedisRateLimitStore({ url: redis });
  const limiter = rateLimitPlugin({ limits, store });
  return {
    ...limiter,
    setup(context) {
      context.onClose(() => store.close());
      return limiter.setup(context);
    },
  };
}

/**
 * The gateway's host plugins, in order: its router (the upstreams), then metrics, the cache and
 * the rate limiter as the config asks. The cache comes before the limiter, so hits never spend
 * the limit. Every resource they open is opened in a setup and closed by the host.
 */
export function gatewayPlugins(config: GatewayConfig, redis: string | undefined): PluginEntry[] {
  const plugins: PluginEntry[] = [routerPlugin(config)];
  if (config.metrics !== false) plugins.push(metricsPlugin());
  if (config.cache !== false) plugins.push(cacheEntry(config.cache ?? {}, redis));
  const rateLimit = rateLimitEntry(config, redis);
  if (rateLimit !== undefined) plugins.push(rateLimit);
  return plugins;
}
