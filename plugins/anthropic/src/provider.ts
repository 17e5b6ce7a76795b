import { type KnownKeys, knownKeys, type Plugin } from '@hotpath/protocol';
import {
  assertOptionsObject,
  createDialectProvider,
  DIALECT_PROVIDER_OPTIONS,
  type DialectProviderOptions,
  type HttpProvider,
  providerPlugin,
} from '@hotpath/provider-kit';
import { anthropicDialect } from './dialect.ts';

/** Options for {@link createAnthropicProvider}. */
export interface AnthropicProviderOptions extends DialectProviderOptions {
  /** The API root. @default 'https://api.anthropic.com' */
  readonly baseURL?: string;
  /** `x-api-key`. @default process.env.ANTHROPIC_API_KEY */
  readonly apiKey?: string;
  /** `anthropic-version`. @default '2023-06-01' */
  readonly version?: string;
  /** `anthropic-beta` features, comma-joined. */
  readonly beta?: readonly string[];
  /** The provider's (and plugin's) name in errors and events. @default 'anthropic' */
  readonly name?: string;
}

/** Every key of {@link AnthropicProviderOptions}: the common ones and the plugin's own. */
const OPTIONS: KnownKeys = new Set([
  ...DIALECT_PROVIDER_OPTIONS,
  ...knownKeys<Omit<AnthropicProviderOptions, keyof DialectProviderOptions>>({
    version: true,
    beta: true,
  }),
]);

/**
 * Creates a provider for Anthropic's Messages API. Anthropic offers no
 * embeddings API, so `embed` rejects with `HOTPATH_PROVIDER_UNSUPPORTED`.
 *
 * @example
 * ```ts
 * await using claude = createAnthropicProvider({ apiKey: process.env.ANTHROPIC_API_KEY });
 * for await (const delta of claude.stream({ model: 'claude-sonnet-4-5', messages })) …
 * ```
 */
export function createAnthropicProvider(options: AnthropicProviderOptions = {}): HttpProvider {
  assertOptionsObject('createAnthropicProvider', options, OPTIONS);
  const { version, beta, ...common } = options;
  return createDialectProvider(
    anthropicDialect,
    { ...common, apiKey: options.apiKey ?? process.env.ANTHROPIC_API_KEY },
    {
      ...(version ? { 'anthropic-version': version } : {}),
      ...(beta?.length ? { 'anthropic-beta': beta.join(',') } : {}),
    },
  );
}

/** A host plugin providing the Anthropic provider as the `provider` service. */
export function anthropicPlugin(options: AnthropicProviderOptions = {}): Plugin {
  assertOptionsObject('anthropicPlugin', options, OPTIONS);
  return providerPlugin(options.name ?? 'anthropic', () => createAnthropicProvider(options));
}
