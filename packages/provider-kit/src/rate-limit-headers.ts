import { describeValue, type RateLimitInfo } from '@hotpath/protocol';
import { ProviderArgumentError } from './errors.ts';
import { parseHttpDate, parseRfc3339 } from './header-time.ts';

/** Rate-limit state a provider reported: the protocol's type, re-exported where it is parsed. */
export type { RateLimitInfo };

/**
 * Response headers as undici and `node:http` give them (a plain object with lower-case names) or
 * as fetch gives them (a `Headers` with `get()`).
 */
export type HeaderBag =
  | { readonly [name: string]: string | readonly string[] | undefined }
  | { get(name: string): string | null };

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const value = (headers as { readonly [name: string]: string | readonly string[] | undefined })[
    name
  ];
  return typeof value === 'string' ? value : value?.[0];
}

/** A duration in ms, when it is one: finite and not negative. */
function milliseconds(ms: number): number | undefined {
  return ms >= 0 && Number.isFinite(ms) ? ms : undefined;
}

/** A plain decimal (`12`, `-3`, `0.5`): not `0x10`, `1e3` or `Infinity`, which `Number` takes. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * The number a header value holds, from its first comma-separated item: a fetch `Headers` joins a
 * repeated header with `, `, where a plain object gives an array and `header()` takes the first.
 */
function number(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const comma = value.indexOf(',');
  const first = (comma === -1 ? value : value.slice(0, comma)).trim();
  if (!DECIMAL.test(first)) return undefined;
  const parsed = Number(first);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A count (limit or remaining): a number that is not negative. */
function count(value: string | undefined): number | undefined {
  const parsed = number(value);
  return parsed !== undefined && parsed >= 0 ? parsed : undefined;
}

/** Index after the digits starting at `from` (`from` itself when there are none). */
function skipDigits(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    at++;
  }
  return at;
}

/** Milliseconds per unit at `at` (Go's `h`, `m`, `s`, `ms`, `us`, `µs`, `ns`) and its length. */
function unitAt(text: string, at: number): readonly [ms: number, length: number] | undefined {
  const unit = text[at];
  if (unit === 'm') return text[at + 1] === 's' ? [1, 2] : [60_000, 1];
  if (unit === 's') return [1_000, 1];
  if (unit === 'h') return [3_600_000, 1];
  if (text[at + 1] !== 's') return undefined;
  if (unit === 'u' || unit === 'µ') return [0.001, 2];
  return unit === 'n' ? [0.000_001, 2] : undefined;
}

/**
 * Parses OpenAI's reset durations (Go durations: `6m0s`, `1.5s`, `20ms`, `1h2m3.5s`; a bare
 * number is seconds) to milliseconds; anything else is `undefined`.
 * Scans once without a regular expression: it runs on every response that carries
 * rate-limit headers, which is every OpenAI response.
 */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const plain = number(value);
  if (plain !== undefined) return milliseconds(plain * 1000);
  const text = value.trim();
  let total = 0;
  let at = 0;
  while (at < text.length) {
    let end = skipDigits(text, at);
    if (end === at) return undefined;
    if (text.charCodeAt(end) === DOT) {
      const fraction = skipDigits(text, end + 1);
      if (fraction === end + 1) return undefined;
      end = fraction;
    }
    const unit = unitAt(text, end);
    if (unit === undefined) return undefined;
    total += Number(text.slice(at, end)) * unit[0];
    at = end + unit[1];
  }
  return at > 0 ? milliseconds(total) : undefined;
}

/** Milliseconds from `now` until the time `at`, never negative; `undefined` for NaN. */
function until(at: number, now: number): number | undefined {
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Parses an absolute reset time (RFC 3339, as Anthropic sends it) to milliseconds from `now`. */
function untilTimestamp(value: string | undefined, now: number): number | undefined {
  return value === undefined ? undefined : until(parseRfc3339(value), now);
}

type Key = keyof RateLimitInfo;

/** Counts: the `RateLimitInfo` key, the OpenAI header, the Anthropic header. */
const COUNTS: readonly (readonly [Key, string, string])[] = [
  ['limitRequests', 'x-ratelimit-limit-requests', 'anthropic-ratelimit-requests-limit'],
  ['remainingRequests', 'x-ratelimit-remaining-requests', 'anthropic-ratelimit-requests-remaining'],
  ['limitTokens', 'x-ratelimit-limit-tokens', 'anthropic-ratelimit-tokens-limit'],
  ['remainingTokens', 'x-ratelimit-remaining-tokens', 'anthropic-ratelimit-tokens-remaining'],
];

/** Resets: OpenAI sends a duration, Anthropic an RFC 3339 time. */
const RESETS: readonly (readonly [Key, string, string])[] = [
  ['resetRequestsMs', 'x-ratelimit-reset-requests', 'anthropic-ratelimit-requests-reset'],
  ['resetTokensMs', 'x-ratelimit-reset-tokens', 'anthropic-ratelimit-tokens-reset'],
];

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date; never negative. */
function retryAfter(headers: HeaderBag, now: number): number | undefined {
  const ms = number(header(headers, 'retry-after-ms'));
  if (ms !== undefined) return milliseconds(Math.max(0, ms));
  const value = header(headers, 'retry-after');
  const seconds = number(value);
  if (seconds === undefined)
    return value === undefined ? undefined : until(parseHttpDate(value), now);
  return milliseconds(Math.max(0, seconds * 1000));
}

/**
 * The one parser of provider rate-limit headers in hotpath: OpenAI-style `x-ratelimit-*` (also
 * sent by vLLM, OpenRouter and others), Anthropic `anthropic-ratelimit-*`, `retry-after-ms` and
 * `retry-after` (seconds or an HTTP date), read into the protocol's `RateLimitInfo` in
 * milliseconds. Returns `undefined` when none are present. A rate limiter takes the result as it
 * is (`createRateLimiter(…).update(info)` in `@hotpath/executor`).
 *
 * @param headers - a plain header object (lower-case names) or a fetch `Headers`
 * @throws {ProviderArgumentError} when `headers` is not an object
 * @param now - the time Anthropic's absolute resets are measured from @default Date.now()
 * @example
 * ```ts
 * const info = parseRateLimitHeaders(response.headers);
 * if (info?.retryAfterMs !== undefined) await limiter.update(info);
 * ```
 */
export function parseRateLimitHeaders(
  headers: HeaderBag,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (typeof headers !== 'object' || headers === null) {
    throw new ProviderArgumentError(
      `parseRateLimitHeaders(headers): expected a header object or a fetch Headers, got ${describeValue(headers)}`,
    );
  }
  const info: { -readonly [K in keyof RateLimitInfo]: number } = {};
  let found = false;
  const set = (key: keyof RateLimitInfo, value: number | undefined): void => {
    if (value === undefined) return;
    info[key] = value;
    found = true;
  };
  for (const [key, openai, anthropic] of COUNTS) {
    set(key, count(header(headers, openai) ?? header(headers, anthropic)));
  }
  for (const [key, openai, anthropic] of RESETS) {
    const duration = parseDuration(header(headers, openai));
    set(key, duration ?? untilTimestamp(header(headers, anthropic), now));
  }
  set('retryAfterMs', retryAfter(headers, now));
  return found ? info : undefined;
}
