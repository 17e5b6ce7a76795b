import { HotpathArgumentError, HotpathError } from '@hotpath/protocol';
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

/** The provider has no such capability (for example embeddings on Anthropic). */
export class ProviderUnsupportedError extends ProviderError {
  constructor(details: ProviderErrorDetails & { readonly capability: string }) {
    super(
      'HOTPATH_PROVIDER_UNSUPPORTED',
      `${details.capability} is not offered by this provider: use another provider for it.`,
      details,
    );
  }
}

/** An option or request had the wrong shape. */
export class ProviderArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_PROVIDER_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_PROVIDER_INVALID_ARGUMENT';

  constructor(message: string) {
    super('HOTPATH_PROVIDER_INVALID_ARGUMENT', message);
  }
}

/** Throws a {@link ProviderArgumentError} unless `options` is an object; `caller` names the function. */
export function assertOptionsObject(caller: string, options: unknown): asserts options is object {
  if (typeof options !== 'object' || options === null) {
    throw new ProviderArgumentError(
      `${caller}(options): expected an object, got ${String(options)}`,
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
