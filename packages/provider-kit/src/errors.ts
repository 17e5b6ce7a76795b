import {
  checkKnownKeys,
  describeValue,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
  isHotpathError,
  type KnownKeys,
} from '@hotpath/protocol';
import type { RateLimitInfo } from './rate-limit-headers.ts';

/** Details every provider error carries. */
export interface ProviderErrorDetails {
  /** Provider name, for example `openai`. */
  readonly provider: string;
  /** HTTP status, when the upstream answered. */
  readonly status?: number | undefined;
  /** The upstream's own error message, with secrets redacted. */
  readonly upstreamMessage?: string | undefined;
  /** Rate-limit headers of the failing response. */
  readonly rateLimit?: RateLimitInfo | undefined;
  readonly cause?: unknown;
}

/** Base of every error a provider plugin throws. */
export class ProviderError extends HotpathError {
  readonly provider: string;
  readonly status: number | undefined;
  readonly upstreamMessage: string | undefined;
  readonly rateLimit: RateLimitInfo | undefined;

  constructor(code: string, message: string, details: ProviderErrorDetails) {
    const upstream = details.upstreamMessage ? ` Upstream said: ${details.upstreamMessage}` : '';
    super(code, `${details.provider}: ${message}${upstream}`, { cause: details.cause });
    this.provider = details.provider;
    this.status = details.status;
    this.upstreamMessage = details.upstreamMessage;
    this.rateLimit = details.rateLimit;
  }
}

/** 401/403: the API key is missing, wrong or lacks permission. */
export class ProviderAuthError extends ProviderError {
  constructor(details: ProviderErrorDetails) {
    super(
      'HOTPATH_PROVIDER_AUTH',
      'authentication failed: check the API key and its permissions.',
      details,
    );
  }
}

/** 400/404/422: the upstream rejected the request; retrying it unchanged will fail again. */
export class ProviderBadRequestError extends ProviderError {
  constructor(details: ProviderErrorDetails) {
    super(
      'HOTPATH_PROVIDER_BAD_REQUEST',
      'the request was rejected: fix it before retrying.',
      details,
    );
  }
}

/** The prompt (plus requested output) exceeds the model's context window. */
export class ContextLengthError extends ProviderError {
  constructor(details: ProviderErrorDetails) {
    super(
      'HOTPATH_PROVIDER_CONTEXT_LENGTH',
      "the prompt does not fit the model's context window: truncate the history or lower max tokens.",
      details,
    );
  }
}

/** 429: rate limited. `retryAfterMs` says when to try again. */
export class ProviderRateLimitedError extends ProviderError {
  /** Milliseconds to wait before retrying, from `retry-after` or the reset headers. */
  readonly retryAfterMs: number | undefined;
  constructor(details: ProviderErrorDetails) {
    const wait = retryDelay(details.rateLimit);
    super(
      'HOTPATH_PROVIDER_RATE_LIMITED',
      `rate limited: retry after ${wait === undefined ? 'a backoff' : `${Math.ceil(wait)} ms`}.`,
      details,
    );
    this.retryAfterMs = wait;
  }
}

/** 5xx, 529, a reset connection or an unreadable answer: the upstream failed; a retry may succeed. */
export class ProviderUpstreamError extends ProviderError {
  constructor(details: ProviderErrorDetails) {
    super(
      'HOTPATH_PROVIDER_UPSTREAM',
      'the upstream failed: retry with backoff or fall back to another upstream.',
      details,
    );
  }
}

/** The upstream did not answer in time (connect, headers or body timeout, 408, 504). */
export class ProviderTimeoutError extends ProviderError {
  constructor(details: ProviderErrorDetails) {
    super(
      'HOTPATH_PROVIDER_TIMEOUT',
      'the upstream did not answer in time: retry, or raise the timeouts.',
      details,
    );
  }
}

/**
 * The provider has no such capability (for example embeddings on Anthropic), or cannot honour a
 * request field it was given (`seed` on Anthropic): then `parameter` names the field, and the
 * request was not sent, so the field is never dropped silently.
 */
export class ProviderUnsupportedError extends ProviderError {
  /** The `CompletionRequest` field the provider cannot honour (a dotted path such as `providerOptions.openai`), when one is the reason. */
  readonly parameter: string | undefined;

  constructor(
    details: ProviderErrorDetails & {
      readonly capability: string;
      readonly parameter?: string | undefined;
    },
  ) {
    super(
      'HOTPATH_PROVIDER_UNSUPPORTED',
      `${details.capability} is not offered by this provider: use another provider for it${details.parameter === undefined ? '' : `, or leave \`${details.parameter}\` out`}.`,
      details,
    );
    this.parameter = details.parameter;
  }
}

/**
 * Throws a {@link ProviderUnsupportedError} naming `parameter`: what a dialect's request mapping
 * does with a field its API has no counterpart for.
 *
 * @param provider - the dialect's name, for example `anthropic`
 * @param parameter - the `CompletionRequest` field, for example `seed`
 * @example
 * ```ts
 * if (request.seed !== undefined) unsupportedParameter('anthropic', 'seed');
 * ```
 */
export function unsupportedParameter(provider: string, parameter: string): never {
  throw new ProviderUnsupportedError({ provider, capability: `\`${parameter}\``, parameter });
}

/** An option or request had the wrong shape. */
export class ProviderArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_PROVIDER_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_PROVIDER_INVALID_ARGUMENT';

  constructor(message: string, options?: HotpathErrorOptions) {
    super('HOTPATH_PROVIDER_INVALID_ARGUMENT', message, options);
  }
}

/**
 * Throws a {@link ProviderArgumentError} unless `options` is an object; `caller` names the
 * function. With `known` (from `knownKeys` of `@hotpath/protocol`), also rejects a key it does
 * not list, naming the new spelling of an old one (`baseUrl` → `baseURL`, `timeout` → `timeoutMs`).
 *
 * @example
 * ```ts
 * const OPTIONS = knownKeys<MyProviderOptions>({ baseURL: true, apiKey: true, … });
 * assertOptionsObject('createMyProvider', options, OPTIONS);
 * ```
 */
export function assertOptionsObject(
  caller: string,
  options: unknown,
  known?: KnownKeys,
): asserts options is object {
  if (typeof options !== 'object' || options === null) {
    throw new ProviderArgumentError(
      `${caller}(options): expected an object, got ${describeValue(options)}`,
    );
  }
  if (known !== undefined)
    checkKnownKeys(
      options,
      known,
      'options',
      (m) => new ProviderArgumentError(`${caller}(): ${m}`),
    );
}

/**
 * An assistant tool call's arguments (JSON text, as `ToolCall.arguments` holds them) as the
 * object APIs such as Anthropic's and Ollama's take: `''` is `{}`; text that is not JSON throws a
 * {@link ProviderArgumentError} naming the call, instead of a bare `SyntaxError` deep inside.
 *
 * @param text - the call's `arguments`
 * @param call - the call's name, for the message
 */
export function parseToolArguments(text: string, call: string): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ProviderArgumentError(
      `the arguments of the assistant's tool call ${call} must be JSON text, got ${JSON.stringify(text.slice(0, 80))}`,
      { cause },
    );
  }
}

function retryDelay(info: RateLimitInfo | undefined): number | undefined {
  if (info === undefined) return undefined;
  if (info.retryAfterMs !== undefined) return info.retryAfterMs;
  if (info.remainingRequests === 0) return info.resetRequestsMs;
  if (info.remainingTokens === 0) return info.resetTokensMs;
  return info.resetRequestsMs ?? info.resetTokensMs;
}

/** Codes of the failures that are the upstream's, not the request's. */
const RETRYABLE: ReadonlySet<string> = new Set([
  'HOTPATH_PROVIDER_UPSTREAM',
  'HOTPATH_PROVIDER_TIMEOUT',
  'HOTPATH_PROVIDER_RATE_LIMITED',
]);

/** Codes of every {@link ProviderError} subclass. */
const PROVIDER_ERRORS: ReadonlySet<string> = new Set([
  ...RETRYABLE,
  'HOTPATH_PROVIDER_AUTH',
  'HOTPATH_PROVIDER_BAD_REQUEST',
  'HOTPATH_PROVIDER_CONTEXT_LENGTH',
  'HOTPATH_PROVIDER_UNSUPPORTED',
]);

/**
 * True when `error` is a provider's 429: a {@link ProviderRateLimitedError}, with `retryAfterMs`
 * and `rateLimit`. Reads the error's brand and code, so it holds across duplicated installs.
 *
 * @example
 * ```ts
 * catch (error) { if (isRateLimited(error)) await limiter.pause(error.retryAfterMs ?? 1000) }
 * ```
 */
export function isRateLimited(error: unknown): error is ProviderRateLimitedError {
  return isHotpathError(error, 'HOTPATH_PROVIDER_RATE_LIMITED');
}

/**
 * True when the upstream failed rather than the request: 5xx, 529, a reset or refused connection,
 * an unreadable answer ({@link ProviderUpstreamError}), a timeout ({@link ProviderTimeoutError}) or
 * a 429 ({@link ProviderRateLimitedError}). The same request may succeed later or on another
 * upstream; auth, bad-request and context-length errors are not retryable.
 *
 * @example
 * ```ts
 * for (const provider of fallbacks) {
 *   try { return await provider.complete(request) } catch (error) { if (!isRetryable(error)) throw error }
 * }
 * ```
 */
export function isRetryable(error: unknown): error is ProviderError {
  return isHotpathError(error) && RETRYABLE.has(error.code);
}

/** True when `error` is any {@link ProviderError}: it carries `provider`, `status`, `upstreamMessage` and `rateLimit`. */
export function isProviderError(error: unknown): error is ProviderError {
  return isHotpathError(error) && PROVIDER_ERRORS.has(error.code);
}
