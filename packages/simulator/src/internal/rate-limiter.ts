import type { RateLimitOptions } from '../options.ts';

/** The state of the window after one request, for the rate-limit headers. */
export interface RateLimitState {
  readonly allowed: boolean;
  readonly limitRequests: number;
  readonly limitTokens: number;
  readonly remainingRequests: number;
  readonly remainingTokens: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/**
 * A fixed-window request and token budget, like the per-minute limits providers report.
 * A request that would exceed either budget is refused and consumes nothing.
 */
export class RateLimiter {
  readonly #limits: Required<RateLimitOptions>;
  #windowStart = -Infinity;
  #requests = 0;
  #tokens = 0;

  /** @param limits - requests and tokens per window of `windowMs` */
  constructor(limits: Required<RateLimitOptions>) {
    this.#limits = limits;
  }

  /** Takes one request and `tokens` tokens from the current window, if both fit. */
  take(tokens: number, now: number): RateLimitState {
    const { requests, tokens: tokenLimit, windowMs } = this.#limits;
    if (now - this.#windowStart >= windowMs) {
      this.#windowStart = now;
      this.#requests = 0;
      this.#tokens = 0;
    }
    const allowed = this.#requests < requests && this.#tokens + tokens <= tokenLimit;
    if (allowed) {
      this.#requests++;
      this.#tokens += tokens;
    }
    return {
      allowed,
      limitRequests: requests,
      limitTokens: tokenLimit,
      remainingRequests: requests - this.#requests,
      remainingTokens: tokenLimit - this.#tokens,
      resetMs: Math.max(0, this.#windowStart + windowMs - now),
    };
  }
}

/** OpenAI's duration format for `x-ratelimit-reset-*`: `1s`, `6m0s`, `20ms`. */
export function openAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${seconds % 60}s` : `${seconds}s`;
}

/** OpenAI's `x-ratelimit-*` headers. */
export function openAiRateHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(state.limitRequests),
    'x-ratelimit-limit-tokens': String(state.limitTokens),
    'x-ratelimit-remaining-requests': String(state.remainingRequests),
    'x-ratelimit-remaining-tokens': String(state.remainingTokens),
    'x-ratelimit-reset-requests': openAiDuration(state.resetMs),
    'x-ratelimit-reset-tokens': openAiDuration(state.resetMs),
  };
}

/** Anthropic's `anthropic-ratelimit-*` headers (resets are RFC 3339 timestamps). */
export function anthropicRateHeaders(state: RateLimitState): Record<string, string> {
  const reset = new Date(Date.now() + state.resetMs).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    'anthropic-ratelimit-requests-limit': String(state.limitRequests),
    'anthropic-ratelimit-requests-remaining': String(state.remainingRequests),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': String(state.limitTokens),
    'anthropic-ratelimit-tokens-remaining': String(state.remainingTokens),
    'anthropic-ratelimit-tokens-reset': reset,
  };
}
