import { type KnownKeys, knownKeys, type Plugin } from '@hotpath/protocol';
import {
  assertOptionsObject,
  createDialectProvider,
  DIALECT_PROVIDER_OPTIONS,
  type DialectProviderOptions,
  type HttpProvider,
  providerPlugin,
} from '@hotpath/provider-kit';
import { createOpenAIDialect, openaiDialect } from './dialect.ts';
import type { MaxTokensField } from './request-body.ts';

/** Options for {@link createOpenAIProvider}. */
export interface OpenAIProviderOptions extends DialectProviderOptions {
  /**
   * The API root. OpenAI: `https://api.openai.com/v1`; vLLM, llama.cpp, LM Studio: `http://host:port/v1`;
   * Ollama: `http://localhost:11434/v1`.
   * @default 'https://api.openai.com/v1'
   */
  readonly baseURL?: string;
  /** Bearer token. @default process.env.OPENAI_API_KEY */
  readonly apiKey?: string;
  /** `openai-organization`. */
  readonly organization?: string;
  /** `openai-project`. */
  readonly project?: string;
  /** The provider's (and plugin's) name in errors and events. @default 'openai' */
  readonly name?: string;
  /**
   * The body field that carries `maxTokens`: `max_completion_tokens` (OpenAI's current name), or
   * `max_tokens` for an older compatible server that only knows that one.
   * @default 'max_completion_tokens'
   */
  readonly maxTokensField?: MaxTokensField;
}

/** Every key of {@link OpenAIProviderOptions}: the common ones and the plugin's own. */
const OPTIONS: KnownKeys = new Set([
  ...DIALECT_PROVIDER_OPTIONS,
  ...knownKeys<Omit<OpenAIProviderOptions, keyof DialectProviderOptions>>({
    organization: true,
    project: true,
    maxTokensField: true,
  }),
]);

/**
 * Creates a provider for any OpenAI-compatible server: OpenAI, vLLM,
 * llama.cpp, LM Studio, or Ollama's `/v1`. Usable with or without the host.
 *
 * @example
 * ```ts
 * await using openai = createOpenAIProvider({ apiKey: process.env.OPENAI_API_KEY });
 * const answer = await openai.complete({ model: 'gpt-4o-mini', messages });
 * ```
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): HttpProvider {
  assertOptionsObject('createOpenAIProvider', options, OPTIONS);
  const { organization, project, maxTokensField, ...common } = options;
  const dialect =
    maxTokensField === undefined ? openaiDialect : createOpenAIDialect({ maxTokensField });
  return createDialectProvider(
    dialect,
    { ...common, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY },
    {
      ...(organization ? { 'openai-organization': organization } : {}),
      ...(project ? { 'openai-project': project } : {}),
    },
  );
}

/** A host plugin providing an OpenAI-compatible provider as the `provider` service. */
export function openaiPlugin(options: OpenAIProviderOptions = {}): Plugin {
  assertOptionsObject('openaiPlugin', options, OPTIONS);
  return providerPlugin(options.name ?? 'openai', () => createOpenAIProvider(options));
}
