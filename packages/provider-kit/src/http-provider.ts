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
import { mapStreamReadError } from './error-mapping.ts';
import { isProviderError, ProviderUnsupportedError } from './errors.ts';
import {
  createJsonTransport,
  type JsonTransport,
  type JsonTransportOptions,
} from './json-transport.ts';
import type { RateLimitInfo } from './rate-limit-headers.ts';
import {
  type RateLimitRetryOptions,
  type RateLimitRetryPolicy,
  rateLimitRetryPolicy,
  retryRateLimited,
} from './rate-limit-retry.ts';
import { isJson, jsonStreamBody } from './stream-body.ts';
import { malformedAnswer } from './upstream-fields.ts';

/** Options a stream decoder receives: the upstream to abort when the consumer stops. */
export interface DecoderOptions {
  readonly upstream: AbortController;
  readonly startedAt: number;
  readonly signal?: AbortSignal;
}

/** One JSON call of a provider: where it goes, what it sends, how to read the answer. */
export interface JsonCall<Request, Result> {
  readonly path: string;
  body(request: Request): unknown;
  result(data: never, request: Request): Result;
}

/** Everything that differs between HTTP providers. */
export interface HttpProviderSpec {
  readonly transport: JsonTransportOptions;
  readonly complete: JsonCall<CompletionRequest, CompletionResult>;
  readonly stream: {
    readonly path: string;
    body(request: CompletionRequest): unknown;
    decode(body: AsyncIterable<Uint8Array>, options: DecoderOptions): AsyncIterable<StreamDelta>;
  };
  /** Omit when the provider has no embeddings API: `embed` then rejects with `HOTPATH_PROVIDER_UNSUPPORTED`. */
  readonly embed?: JsonCall<EmbeddingRequest, EmbeddingResult>;
  /** Called with the rate-limit headers of every response that carries them, 429s included. */
  readonly onRateLimit?: ((info: RateLimitInfo) => void) | undefined;
  /**
   * How a call refused with a 429 is retried (see `retryRateLimited`): after the wait the
   * upstream asked for, before any byte of an answer reached the caller.
   * @default { retries: 1, maxWaitMs: 10_000, fallbackWaitMs: 1_000 }: one retry, if the wait asked for is at most 10 s
   */
  readonly rateLimitRetry?: RateLimitRetryOptions | undefined;
}

/** A {@link Provider} over HTTP that owns (or borrows) a keep-alive pool. */
export interface HttpProvider extends Provider, AsyncDisposable {
  /** Closes the provider's own pool; a borrowed pool stays open. */
  close(): Promise<void>;
}

class JsonHttpProvider implements HttpProvider {
  readonly name: string;
  readonly #spec: HttpProviderSpec;
  readonly #transport: JsonTransport;
  readonly #retry: RateLimitRetryPolicy;

  constructor(spec: HttpProviderSpec) {
    this.name = spec.transport.provider;
    this.#spec = spec;
    this.#retry = rateLimitRetryPolicy(spec.rateLimitRetry);
    this.#transport = createJsonTransport(spec.transport);
  }

  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    return this.#call(this.#spec.complete, request, options);
  }

  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamDelta> {
    return this.#stream(request, options);
  }

  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult> {
    const call = this.#spec.embed;
    if (call === undefined) {
      return Promise.reject(
        new ProviderUnsupportedError({ provider: this.name, capability: 'embeddings' }),
      );
    }
    return this.#call(call, request, options);
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #call<Request, Result>(
    call: JsonCall<Request, Result>,
    request: Request,
    options?: CallOptions,
  ): Promise<Result> {
    const body = call.body(request);
    const { data, response } = await this.#send(
      () => this.#transport.postJson<never>(call.path, body, options),
      options?.signal,
    );
    this.#report(response);
    return this.#result(call, data, request, response.status);
  }

  /**
   * The call's mapping of the parsed answer. Valid JSON of the wrong shape (`{"data": [null]}`)
   * is the upstream's failure too: a mapper that trips over it with a bare `TypeError` gives the
   * caller a typed upstream error instead, with the mapper's error as its cause.
   */
  #result<Request, Result>(
    call: JsonCall<Request, Result>,
    data: never,
    request: Request,
    status: number,
  ): Result {
    try {
      return call.result(data, request);
    } catch (cause) {
      throw malformedAnswer(this.name, cause, status);
    }
  }

  async *#stream(request: CompletionRequest, options?: CallOptions): AsyncGenerator<StreamDelta> {
    const { path, body, decode } = this.#spec.stream;
    const upstream = new AbortController();
    const caller = options?.signal;
    const signal = caller ? AbortSignal.any([caller, upstream.signal]) : upstream.signal;
    const wire = body(request);
    const send = { signal, headers: options?.headers };
    const response = await this.#send(() => this.#transport.post(path, wire, send), caller);
    this.#report(response);
    try {
      const source = isJson(response.headers)
        ? await jsonStreamBody(this.name, response, this.#spec.transport.secrets)
        : response.body;
      yield* decode(source, {
        upstream,
        startedAt: response.sentAt,
        ...(caller ? { signal: caller } : {}),
      });
    } catch (error) {
      throw mapStreamReadError(this.name, error);
    }
  }

  /** One call through the 429 retry; a refused attempt reports its rate-limit headers too. */
  #send<T>(attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    // Nobody listening: the call as it is, or through the retry alone, without a wrapper per call.
    if (this.#spec.onRateLimit === undefined)
      return this.#retry.retries === 0 ? attempt() : retryRateLimited(attempt, this.#retry, signal);
    const tried = async (): Promise<T> => {
      try {
        return await attempt();
      } catch (error) {
        if (isProviderError(error)) this.#report(error);
        throw error;
      }
    };
    return retryRateLimited(tried, this.#retry, signal);
  }

  #report(source: { readonly rateLimit: RateLimitInfo | undefined }): void {
    const onRateLimit = this.#spec.onRateLimit;
    // Reading a response's `rateLimit` parses a dozen headers: only do it for someone who listens.
    if (onRateLimit === undefined) return;
    const info = source.rateLimit;
    if (info !== undefined) onRateLimit(info);
  }
}

/** Builds a provider from a {@link HttpProviderSpec}; each provider plugin is one spec. */
export function createHttpProvider(spec: HttpProviderSpec): HttpProvider {
  return new JsonHttpProvider(spec);
}

/**
 * A host plugin that provides `create()`'s provider as the host's `provider`
 * service and closes it with the host.
 */
export function providerPlugin(name: string, create: () => HttpProvider): Plugin {
  return {
    name,
    setup(context) {
      const provider = create();
      context.provide('provider', provider);
      context.onClose(() => provider.close());
    },
  };
}
