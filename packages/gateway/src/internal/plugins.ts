import { createRedisBus, createRedisStore } from '@hotpath/cache';
import type { PluginEntry } from '@hotpath/host';
import { cachePlugin } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { createRedisRateLimitStore, rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import type { GatewayCacheConfig, GatewayConfig } from '../config.ts';
import { probeRedis } from './redis-probe.ts';

/** The host plugins of a gateway and what to close after the host. */
export interface GatewayPlugins {
  readonly plugins: PluginEntry[];
  readonly closers: Array<() => Promise<void>>;
}

function determinism(cache: GatewayCacheConfig): Record<string, unknown> {
  return {
    ...(cache.maxTemperature === undefined ? {} : { maxTemperature: cache.maxTemperature }),
    ...(cache.force === undefined ? {} : { force: cache.force }),
    ...(cache.ttlMs === undefined ? {} : { ttl: cache.ttlMs }),
  };
}

async function cacheEntry(
  cache: GatewayCacheConfig,
  redis: string | undefined,
): Promise<PluginEntry> {
  const max = cache.maxEntries ?? 10_000;
  if (redis === undefined) {
    return cachePlugin({
      cache: { max },
      ...(cache.path === undefined ? {} : { sqlitePath: cache.path }),
      determinism: determinism(cache),
    });
  }
  // The plugin owns the cache it creates from these options and closes the store and bus with it.
  const [l2, bus] = await Promise.all([
    createRedisStore({ url: redis }),
    createRedisBus({ url: redis }),
  ]);
  return cachePlugin({ cache: { max, l2, bus }, determinism: determinism(cache) });
}

function rateLimitEntry(
  config: GatewayConfig,
  redis: string | undefined,
  closers: GatewayPlugins['closers'],
): PluginEntry | undefined {
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
  const store = redis === undefined ? undefined : createRedisRateLimitStore({ url: redis });
  if (store !== undefined) closers.push(() => store.close());
  // The gateway's router retries 429s and falls back itself, so the limiter does not retry.
  return rateLimitPlugin({ limits, retries: 0, ...(store === undefined ? {} : { store }) });
}

/** Builds the metrics, cache and rate-limit plugins the config asks for, in that order. */
export async function gatewayPlugins(
  config: GatewayConfig,
  redis: string | undefined,
): Promise<GatewayPlugins> {
  if (redis !== undefined) await probeRedis(redis, 2000);
  const closers: GatewayPlugins['closers'] = [];
  const plugins: PluginEntry[] = [];
  if (config.metrics !== false) plugins.push(metricsPlugin());
  // The cache comes before the limiter, so hits never spend the limit.
  if (config.cache !== false) plugins.push(await cacheEntry(config.cache ?? {}, redis));
  const rateLimit = rateLimitEntry(config, redis, closers);
  if (rateLimit !== undefined) plugins.push(rateLimit);
  return { plugins, closers };
}
