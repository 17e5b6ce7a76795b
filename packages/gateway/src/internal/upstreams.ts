import { anthropicDialect, createAnthropicProvider } from '@hotpath/plugin-anthropic';
import { createOllamaProvider, ollamaDialect } from '@hotpath/plugin-ollama';
import { createOpenAIProvider, openaiDialect } from '@hotpath/plugin-openai';
import { createHttpPool, type HttpPool, type HttpPoolOptions } from '@hotpath/pool';
import type { HttpProvider, ProviderDialect } from '@hotpath/provider-kit';
import {
  type GatewayConfig,
  UPSTREAM_TIMEOUTS,
  type UpstreamConfig,
  type UpstreamType,
} from '../config.ts';
import { GatewayConfigError } from '../errors.ts';

/** A configured upstream: its provider, the dialect it speaks and whether it brings its own key. */
export interface Upstream {
  readonly name: string;
  /** The wire dialect of the upstream's API: the one owner of its auth header. */
  readonly dialect: ProviderDialect;
  readonly provider: HttpProvider;
  /** True when the config holds a key; otherwise the client's key is forwarded. */
  readonly ownKey: boolean;
  /** The pool the gateway made for the upstream's own timeouts (the provider borrows it). */
  readonly pool: HttpPool | undefined;
}

/** One step of a model's fallback order. */
export interface RouteStep {
  readonly upstream: Upstream;
  /** The model name sent upstream. */
  readonly model: string;
}

const DIALECTS: { readonly [T in UpstreamType]: ProviderDialect } = {
  openai: openaiDialect,
  anthropic: anthropicDialect,
  ollama: ollamaDialect,
};

function apiKeyOf(name: string, config: UpstreamConfig): string | undefined {
  if (config.apiKey !== undefined) return config.apiKey;
  if (config.apiKeyEnv === undefined) return undefined;
  const key = process.env[config.apiKeyEnv];
  // Unset, the upstream would get each client's own key instead: refuse to start, not guess.
  if (!key)
    throw new GatewayConfigError(
      `upstreams.${name}.apiKeyEnv`,
      'an environment variable that is set (without it, clients’ own keys would be sent upstream)',
      config.apiKeyEnv,
    );
  return key;
}

/** A pool with the upstream's own timeouts, when it sets any (else the provider makes its own). */
function timeoutPool(config: UpstreamConfig): HttpPool | undefined {
  const options: HttpPoolOptions = {};
  for (const timeout of UPSTREAM_TIMEOUTS)
    if (config[timeout] !== undefined) options[timeout] = config[timeout];
  return Object.keys(options).length === 0 ? undefined : createHttpPool(options);
}

function createProvider(
  name: string,
  config: UpstreamConfig,
  apiKey: string | undefined,
  gateway: GatewayConfig,
  pool: HttpPool | undefined,
): HttpProvider {
  // An empty-string key keeps the providers from reading OPENAI_API_KEY / ANTHROPIC_API_KEY
  // behind the config's back: without a configured key the client's own key is used.
  const common = {
    name,
    apiKey: apiKey ?? '',
    // The one place 429s are retried: each upstream's provider, before the router falls back.
    rateLimitRetry: { retries: gateway.retries ?? 1, maxWaitMs: gateway.maxRetryWaitMs ?? 2000 },
    ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    ...(pool === undefined ? {} : { pool }),
  };
  if (config.type === 'anthropic') return createAnthropicProvider(common);
  if (config.type === 'ollama') return createOllamaProvider(common);
  return createOpenAIProvider(common);
}

/** The API keys the config gives its upstreams (to redact from anything relayed to clients). */
export function configuredKeys(config: GatewayConfig): string[] {
  return Object.entries(config.upstreams).flatMap(
    ([name, upstream]) => apiKeyOf(name, upstream) ?? [],
  );
}

/** Closes every upstream's connection pool; one failing close does not stop the others. */
export async function closeUpstreams(upstreams: ReadonlyMap<string, Upstream>): Promise<void> {
  await Promise.allSettled(
    [...upstreams.values()].map(async (u) => {
      try {
        await u.provider.close();
      } finally {
        await u.pool?.close();
      }
    }),
  );
}

/** Creates one provider per configured upstream. */
export function createUpstreams(config: GatewayConfig): Map<string, Upstream> {
  const upstreams = new Map<string, Upstream>();
  for (const [name, upstream] of Object.entries(config.upstreams)) {
    const apiKey = apiKeyOf(name, upstream);
    const pool = timeoutPool(upstream);
    const provider = createProvider(name, upstream, apiKey, config, pool);
    upstreams.set(name, {
      name,
      dialect: DIALECTS[upstream.type],
      provider,
      ownKey: apiKey !== undefined,
      pool,
    });
  }
  return upstreams;
}
