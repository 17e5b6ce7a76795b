import type { RateLimitInfo } from '@hotpath/protocol';

/** Rate-limit state a provider reported: the protocol's type, re-exported where it is parsed. */
export type { RateLimitInfo };

/** A header bag as undici and node:http give it. */
export type HeaderBag = { readonly [name: string]: string | string[] | undefined };

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function number(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
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

/** Milliseconds per unit at `at` (`ms`, `h`, `m`, `s`) and the unit's length, or undefined. */
function unitAt(text: string, at: number): readonly [ms: number, length: number] | undefined {
  const unit = text[at];
  if (unit === 'm') return text[at + 1] === 's' ? [1, 2] : [60_000, 1];
  if (unit === 's') return [1_000, 1];
  if (unit === 'h') return [3_600_000, 1];
  return undefined;
}

/**
 * Parses OpenAI's reset durations (`6m0s`, `1.5s`, `20ms`) to milliseconds.
 * Scans once without a regular expression: it runs on every response that carries
 * rate-limit headers, which is every OpenAI response.
 */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const plain = number(value);
  if (plain !== undefined) return plain * 1000;
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
  return at > 0 ? total : undefined;
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

/**
 * Reads OpenAI (`x-ratelimit-*`) and Anthropic (`anthropic-ratelimit-*`)
 * rate-limit headers and `retry-after`. Returns `undefined` when none are present.
 */
export function parseRateLimitHeaders(
  headers: HeaderBag,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  const get = (openai: string, anthropic: string): string | undefined =>
    header(headers, openai) ?? header(headers, anthropic);
  const info: { -readonly [K in keyof RateLimitInfo]: number } = {};
  let found = false;
  const set = (key: keyof RateLimitInfo, value: number | undefined): void => {
    if (value === undefined) return;
    info[key] = value;
    found = true;
  };
  set(
    'limitRequests',
    number(get('x-ratelimit-limit-requests', 'anthropic-ratelimit-requests-limit')),
  );
  set(
    'remainingRequests',
    number(get('x-ratelimit-remaining-requests', 'anthropic-ratelimit-requests-remaining')),
  );
  set(
    'resetRequestsMs',
    parseDuration(header(headers, 'x-ratelimit-reset-requests')) ??
      untilTimestamp(header(headers, 'anthropic-ratelimit-requests-reset'), now),
  );
  set('limitTokens', number(get('x-ratelimit-limit-tokens', 'anthropic-ratelimit-tokens-limit')));
  set(
    'remainingTokens',
    number(get('x-ratelimit-remaining-tokens', 'anthropic-ratelimit-tokens-remaining')),
  );
  set(
    'resetTokensMs',
    parseDuration(header(headers, 'x-ratelimit-reset-tokens')) ??
      untilTimestamp(header(headers, 'anthropic-ratelimit-tokens-reset'), now),
  );
  set('retryAfterMs', retryAfter(headers, now));
  return found ? info : undefined;
}
