import type { HttpPool } from '@hotpath/pool';
import type {
  CallOptions,
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  EmbeddingResult,
  Plugin,
  Provider,
  StreamDelta,
} from '@hotpath/protocol';
import {
  createJsonTransport,
  type JsonTransport,
  type OpenResponse,
  ProviderArgumentError,
  type RateLimitInfo,
} from '@hotpath/provider-kit';
import { decodeOpenAI } from '@hotpath/stream';
import { chatBody, embeddingsBody } from './request-body.ts';
import { completionResult, embeddingResult } from './response.ts';
import type { WireCompletion, WireEmbeddings } from './wire.ts';

/** Options for {@link createOpenAIProvider}. */
export interface OpenAIProviderOptions {
  /**
   * The API root. OpenAI: `https://api.openai.com/v1`; vLLM / llama.cpp / LM Studio: `http://host:port/v1`;
   * Ollama: `http://localhost:11434/v1`.
   * @default 'https://api.openai.com/v1'
   */
  readonly baseURL?: string;
  /** Bearer token. @default process.env.OPENAI_API_KEY */
  readonly apiKey?: string;
  readonly organization?: string;
  readonly project?: string;
  /** Extra headers on every request. */
  readonly headers?: { readonly [name: string]: string };
  /** A shared `@hotpath/pool` HTTP pool; the provider creates its own when omitted. */
  readonly pool?: HttpPool;
  /** The provider's name in errors and events. @default 'openai' */
  readonly name?: string;
  /** Called with the rate-limit headers of every response that carries them. */
  readonly onRateLimit?: (info: RateLimitInfo) => void;
}

/** An OpenAI-compatible {@link Provider} that owns (or borrows) a keep-alive pool. */
export interface OpenAIProvider extends Provider, AsyncDisposable {
  /** Closes the provider's own pool (a borrowed pool stays open). */
  close(): Promise<void>;
}

class OpenAICompatible implements OpenAIProvider {
  readonly name: string;
  readonly #transport: JsonTransport;
  readonly #onRateLimit: ((info: RateLimitInfo) => void) | undefined;

  constructor(options: OpenAIProviderOptions) {
    this.name = options.name ?? 'openai';
    this.#onRateLimit = options.onRateLimit;
    const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
    this.#transport = createJsonTransport({
      provider: this.name,
      baseUrl: options.baseURL ?? 'https://api.openai.com/v1',
      headers: {
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        ...(options.organization ? { 'openai-organization': options.organization } : {}),
        ...(options.project ? { 'openai-project': options.project } : {}),
        ...options.headers,
      },
      secrets: apiKey ? [apiKey] : [],
      pool: options.pool,
    });
  }

  async complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    const { data, response } = await this.#transport.postJson<WireCompletion>(
      '/chat/completions',
      chatBody(request, false),
      options,
    );
    this.#report(response);
    return completionResult(data, request.model);
  }

  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamDelta> {
    return this.#stream(request, options);
  }

  async *#stream(request: CompletionRequest, options?: CallOptions): AsyncGenerator<StreamDelta> {
    const upstream = new AbortController();
    const caller = options?.signal;
    const signal = caller ? AbortSignal.any([caller, upstream.signal]) : upstream.signal;
    const response = await this.#transport.post('/chat/completions', chatBody(request, true), {
      signal,
      headers: options?.headers,
    });
    this.#report(response);
    yield* decodeOpenAI(response.body, {
      upstream,
      startedAt: response.sentAt,
      ...(caller ? { signal: caller } : {}),
    });
  }

  async embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult> {
    const { data, response } = await this.#transport.postJson<WireEmbeddings>(
      '/embeddings',
      embeddingsBody(request),
      options,
    );
    this.#report(response);
    return embeddingResult(data, request.model);
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #report(response: OpenResponse): void {
    if (response.rateLimit !== undefined) this.#onRateLimit?.(response.rateLimit);
  }
}

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
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): OpenAIProvider {
  if (typeof options !== 'object' || options === null) {
    throw new ProviderArgumentError(`createOpenAIProvider(options): expected an object, got ${String(options)}`);
  }
  return new OpenAICompatible(options);
}

/**
 * A host plugin that provides an OpenAI-compatible provider as the host's
 * `provider` service and closes it with the host.
 */
export function openaiPlugin(options: OpenAIProviderOptions = {}): Plugin {
  return {
    name: options.name ?? 'openai',
    setup(context) {
      const provider = createOpenAIProvider(options);
      context.provide('provider', provider);
      context.onClose(() => provider.close());
    },
  };
}
