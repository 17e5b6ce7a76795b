import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHost, type Host } from '@hotpath/host';
import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import { type GatewayConfig, validateConfig } from './config.ts';
import { GatewayArgumentError, GatewayListenError } from './errors.ts';
import { ConnectionCap } from './internal/connection-cap.ts';
import { GatewayHandler } from './internal/handler.ts';
import { createGatewayServer, serverLimits } from './internal/http-server.ts';
import { gatewayPlugins } from './internal/plugins.ts';
import { probeRedis } from './internal/redis-probe.ts';
import { configuredKeys } from './internal/upstreams.ts';

/** Options of {@link startGateway}. */
export interface StartGatewayOptions {
  /** Interface to bind. @default '127.0.0.1' */
  readonly host?: string;
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** `redis://…` URL: shared L2 cache, L1 invalidation bus and shared rate limits. Overrides `config.redis`. */
  readonly redis?: string;
  /** Aborting it closes the gateway gracefully, as `close()` does. */
  readonly signal?: AbortSignal;
}

/** A running gateway. */
export interface Gateway extends AsyncDisposable {
  /** `http://<host>:<port>`; point an OpenAI client at `${url}/v1`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The `@hotpath/host` behind it, for its services (`cache`, `metrics`, `rate-limit`). */
  readonly host: Host;
  /**
   * Stops accepting connections, lets calls and streams in flight finish (up to
   * `config.drainTimeoutMs`, then cuts them), and closes the host, whose plugins close the
   * upstream connections, the cache and the Redis clients. Idempotent.
   */
  close(): Promise<void>;
}

const OPTIONS: KnownKeys = knownKeys<StartGatewayOptions>({
  host: true,
  port: true,
  redis: true,
  signal: true,
});

function checkOptions(options: StartGatewayOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new GatewayArgumentError('options', 'an object', options);
  checkKnownKeys(options, OPTIONS, 'options', (m) => new GatewayArgumentError(m));
  const { host, port, redis } = options;
  if (host !== undefined && typeof host !== 'string')
    throw new GatewayArgumentError('options.host', 'a host name or IP', host);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
    throw new GatewayArgumentError('options.port', 'an integer from 0 to 65535', port);
  if (redis !== undefined && !(typeof redis === 'string' && /^rediss?:\/\//.test(redis)))
    throw new GatewayArgumentError('options.redis', 'a redis:// URL', redis);
}

async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([e]) => Promise.reject(e)),
    ]);
  } catch (cause) {
    throw new GatewayListenError(host, port, { cause });
  }
  return (server.address() as AddressInfo).port;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Starts an OpenAI-compatible gateway: `POST /v1/chat/completions` (streaming or not),
 * `POST /v1/embeddings`, `GET /v1/models`, `GET /health`, `GET /metrics`. It validates the
 * config and options, creates a host whose plugins own every resource (the upstreams' pools,
 * the cache and its stores, the rate limiter), and listens; `close()` is the host's.
 * @example
 * ```ts
 * const gateway = await startGateway(await loadConfig(), { port: 8787 });
 * const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: process.env.OPENAI_API_KEY });
 * ```
 */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<Gateway> {
  validateConfig(config);
  checkOptions(options);
  // Reads the keys each upstream takes from the environment: one not set fails here, at once.
  const upstreamKeys = configuredKeys(config);
  const redis = options.redis ?? config.redis;
  // The Redis clients reconnect forever, so an unreachable server is caught before any exists.
  if (redis !== undefined) await probeRedis(redis, 2000);
  const host = createHost({ plugins: gatewayPlugins(config, redis) });
  try {
    await host.ready();
    return await listening(host, config, options, upstreamKeys);
  } catch (error) {
    // A failed setup already tore the started plugins down; this closes what listening left.
    await host.close().catch(() => undefined);
    throw error;
  }
}

/** Serves `host` over HTTP once it is ready. */
async function listening(
  host: Host,
  config: GatewayConfig,
  options: StartGatewayOptions,
  upstreamKeys: readonly string[],
): Promise<Gateway> {
  const metrics = config.metrics === false ? undefined : host.service('metrics');
  const limits = serverLimits(config);
  const connections = new ConnectionCap(limits.maxConnections, 1_000);
  const handler = new GatewayHandler({
    host,
    routes: host.service('gateway-routes'),
    bodyLimit: config.bodyLimit ?? 1024 * 1024,
    metrics: metrics === undefined ? undefined : () => metrics.prometheus(),
    connections,
    linger: limits.linger,
    upstreamKeys,
  });
  const server = createGatewayServer(handler, connections, limits);
  const address = options.host ?? '127.0.0.1';
  const port = await listen(server, address, options.port ?? 0);
  return new RunningGateway({
    server,
    handler,
    host,
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    drainTimeoutMs: config.drainTimeoutMs ?? 10_000,
    signal: options.signal,
  });
}

interface Parts {
  readonly server: Server;
  readonly handler: GatewayHandler;
  readonly host: Host;
  readonly url: string;
  readonly port: number;
  readonly drainTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

class RunningGateway implements Gateway {
  readonly url: string;
  readonly port: number;
  readonly host: Host;
  readonly #parts: Parts;
  #closed: Promise<void> | undefined;
  readonly #onAbort = (): void => void this.close().catch(() => undefined);

  constructor(parts: Parts) {
    this.#parts = parts;
    this.url = parts.url;
    this.port = parts.port;
    this.host = parts.host;
    if (parts.signal?.aborted) this.#onAbort();
    else parts.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    const { server, handler, host, drainTimeoutMs, signal } = this.#parts;
    signal?.removeEventListener('abort', this.#onAbort);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await withTimeout(handler.drain(), drainTimeoutMs);
    server.closeAllConnections();
    await closed;
    await host.close();
  }
}
