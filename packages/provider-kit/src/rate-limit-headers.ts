/** Rate-limit state a provider reported in its response headers. Absent fields were not sent. */
export interface RateLimitInfo {
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  /** Milliseconds until the request budget is full again. */
  readonly resetRequestsMs?: number;
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the token budget is full again. */
  readonly resetTokensMs?: number;
  /** How long the provider asked callers to wait (`retry-after-ms` / `retry-after`). */
  readonly retryAfterMs?: number;
}

/** A header bag as undici and node:http give it. */
export type HeaderBag = { readonly [name: string]: string | string[] | undefined };

const UNIT_MS: { readonly [unit: string]: number } = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function number(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Parses OpenAI's reset durations (`6m0s`, `1.5s`, `20ms`) to milliseconds. */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const plain = number(value);
  if (plain !== undefined) return plain * 1000;
  let total = 0;
  let matched = '';
  for (const [part, amount, unit] of value.matchAll(DURATION_PART)) {
    total += Number(amount) * UNIT_MS[unit!]!;
    matched += part;
  }
  return matched.length === value.trim().length && matched !== '' ? total : undefined;
}

/** Parses an absolute reset time (RFC 3339, as Anthropic sends it) to milliseconds from `now`. */
function untilTimestamp(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
function retryAfter(headers: HeaderBag, now: number): number | undefined {
  const ms = number(header(headers, 'retry-after-ms'));
  if (ms !== undefined) return ms;
  const value = header(headers, 'retry-after');
  const seconds = number(value);
  return seconds !== undefined ? seconds * 1000 : untilTimestamp(value, now);
}

function compact(info: { [K in keyof RateLimitInfo]: number | undefined }): RateLimitInfo {
  return Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
}

/**
 * Reads OpenAI (`x-ratelimit-*`) and Anthropic (`anthropic-ratelimit-*`)
 * rate-limit headers and `retry-after`. Returns `undefined` when none are present.
 */
export function parseRateLimitHeaders(
  headers: HeaderBag,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  const openai = (name: string) => header(headers, `x-ratelimit-${name}`);
  const anthropic = (name: string) => header(headers, `anthropic-ratelimit-${name}`);
  const info = compact({
    limitRequests: number(openai('limit-requests') ?? anthropic('requests-limit')),
    remainingRequests: number(openai('remaining-requests') ?? anthropic('requests-remaining')),
    resetRequestsMs:
      parseDuration(openai('reset-requests')) ?? untilTimestamp(anthropic('requests-reset'), now),
    limitTokens: number(openai('limit-tokens') ?? anthropic('tokens-limit')),
    remainingTokens: number(openai('remaining-tokens') ?? anthropic('tokens-remaining')),
    resetTokensMs:
      parseDuration(openai('reset-tokens')) ?? untilTimestamp(anthropic('tokens-reset'), now),
    retryAfterMs: retryAfter(headers, now),
  });
  return Object.keys(info).length > 0 ? info : undefined;
}
