import type {
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  EmbeddingResult,
  StreamDelta,
} from '@hotpath/protocol';
import type { HttpProviderSpec } from './http-provider.ts';

/** What a dialect's stream decoder accepts besides the body (a subset of `@hotpath/stream`'s `DecodeOptions`). */
export interface DialectDecodeOptions {
  /** Stops the stream, and through `upstream` the request, when it fires. */
  readonly signal?: AbortSignal | undefined;
  /** Aborted when the consumer stops early or the stream fails. */
  readonly upstream?: { abort(reason?: unknown): void } | undefined;
  /** `performance.now()` when the request was sent, for time to first token. */
  readonly startedAt?: number | undefined;
}

/** One JSON call of a dialect: where it goes under the API root, what it sends, how the answer maps. */
export interface DialectCall<Request, Result> {
  /** The path under {@link ProviderDialect.apiRoot}, for example `/chat/completions`. */
  readonly path: string;
  /** The wire body of `request`. */
  body(request: Request): Record<string, unknown>;
  /** Maps the parsed JSON answer; throws a typed provider error when it has no answer in it. */
  result(wire: unknown, request: { readonly model: string }): Result;
}

/** The chat call of a dialect, streaming and not. */
export interface DialectChat {
  /** The path under {@link ProviderDialect.apiRoot}, for example `/messages`. */
  readonly path: string;
  /** The wire body of `request`; `stream` asks for a streamed answer. */
  body(request: CompletionRequest, stream: boolean): Record<string, unknown>;
  /** Maps a non-streaming answer, with the same per-part logic as {@link DialectChat.decode}. */
  result(wire: unknown, request: { readonly model: string }): CompletionResult;
  /** Decodes a streamed answer's body into deltas. */
  decode(
    body: AsyncIterable<Uint8Array>,
    options?: DialectDecodeOptions,
  ): AsyncIterable<StreamDelta>;
}

/**
 * Everything hotpath knows about one provider API's wire format, in one object: where calls go,
 * the headers it requires and the one that carries the API key, how requests are written and
 * how answers (whole or streamed) are read. Each provider plugin owns and exports one
 * (`openaiDialect`, `anthropicDialect`, `ollamaDialect`); nothing else in hotpath knows a wire
 * detail. A gateway forwarding a client's key uses `authHeaders`; a plain client built on any
 * HTTP library uses `apiRoot`, `headers`, `chat.body` and `chat.result`.
 */
export interface ProviderDialect {
  /** The API family, for example `openai`; also the `provider` of its streams' metrics. */
  readonly name: string;
  /** The public API's base URL, as the provider's SDK takes it (`https://api.anthropic.com`). */
  readonly defaultBaseURL: string;
  /** The URL every call's `path` is under, for a `baseURL` as the provider's SDK takes it. */
  apiRoot(baseURL: string): string;
  /** Headers every request must carry besides the key, for example `anthropic-version`. */
  readonly headers: { readonly [name: string]: string };
  /** The header that carries `apiKey`: `authorization: Bearer …`, or Anthropic's `x-api-key`. */
  authHeaders(apiKey: string): { [name: string]: string };
  /** Chat completions. */
  readonly chat: DialectChat;
  /** Embeddings; absent when the API has none. */
  readonly embed?: DialectCall<EmbeddingRequest, EmbeddingResult> | undefined;
}

/**
 * Adds the request's `providerOptions[dialect]` fields to a dialect's wire `body` (in place) and
 * returns it. The fields the dialect mapped itself win; a `__proto__` field is added as a plain
 * field, never as a prototype. Without options for `dialect` the body is returned untouched.
 *
 * @param dialect - the dialect's name, for example `openai`
 * @param request - the request, whose `providerOptions` are read
 * @param body - the wire body the dialect built
 * @example
 * ```ts
 * return withProviderOptions('openai', request, body);
 * ```
 */
export function withProviderOptions(
  dialect: string,
  request: CompletionRequest,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const extra = request.providerOptions?.[dialect];
  if (extra === undefined) return body;
  for (const key of Object.keys(extra)) {
    if (Object.hasOwn(body, key)) continue;
    Object.defineProperty(body, key, {
      value: extra[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return body;
}

/**
 * The `complete`, `stream` and `embed` calls of a {@link HttpProviderSpec} for a dialect, so a
 * provider is its transport plus its dialect.
 *
 * @example
 * ```ts
 * createHttpProvider({ transport, ...dialectCalls(openaiDialect) });
 * ```
 */
export function dialectCalls(
  dialect: ProviderDialect,
): Pick<HttpProviderSpec, 'complete' | 'stream' | 'embed'> {
  const { chat, embed } = dialect;
  return {
    complete: {
      path: chat.path,
      body: (request) => chat.body(request, false),
      result: (wire, request) => chat.result(wire, request),
    },
    stream: {
      path: chat.path,
      body: (request) => chat.body(request, true),
      decode: (body, options) => chat.decode(body, options),
    },
    ...(embed === undefined ? {} : { embed }),
  };
}
