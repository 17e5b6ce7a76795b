import type { KnownKeys, Plugin } from '@hotpath/protocol';
import {
  assertOptionsObject,
  createDialectProvider,
  DIALECT_PROVIDER_OPTIONS,
  type DialectProviderOptions,
  type HttpProvider,
  providerPlugin,
} from '@hotpath/provider-kit';
import { ollamaDialect } from './dialect.ts';

/** Options for {@link createOllamaProvider}. */
export interface OllamaProviderOptions extends DialectProviderOptions {
  /** The server root. @default process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434' */
  readonly baseURL?: string;
  /** Bearer token, for an Ollama behind an authenticating proxy. */
  readonly apiKey?: string;
  /** The provider's (and plugin's) name in errors and events. @default 'ollama' */
  readonly name?: string;
}

/** Every key of {@link OllamaProviderOptions}: it adds none to the common ones. */
const OPTIONS: KnownKeys = DIALECT_PROVIDER_OPTIONS;

/**
 * Creates a provider for Ollama's native API (`/api/chat`, `/api/embed`).
 * For its OpenAI-compatible `/v1`, use `@hotpath/plugin-openai` instead.
 *
 * @example
 * ```ts
 * await using ollama = createOllamaProvider();
 * const answer = await ollama.complete({ model: 'llama3.2', messages });
 * ```
 */
export function createOllamaProvider(options: OllamaProviderOptions = {}): HttpProvider {
  assertOptionsObject('createOllamaProvider', options, OPTIONS);
  const baseURL = options.baseURL ?? process.env.OLLAMA_HOST;
  return createDialectProvider(ollamaDialect, { ...options, baseURL });
}

/** A host plugin providing the Ollama provider as the `provider` service. */
export function ollamaPlugin(options: OllamaProviderOptions = {}): Plugin {
  assertOptionsObject('ollamaPlugin', options, OPTIONS);
  return providerPlugin(options.name ?? 'ollama', () => createOllamaProvider(options));
}
