/** One limit as a provider reported it. */
export interface ReportedLimit {
  /** The limit (bucket capacity), if sent. */
  readonly limit?: number;
  /** Units left now, if sent. */
  readonly remaining?: number;
  /** Time until the limit is fully restored, in ms, if sent. */
  readonly resetMs?: number;
}

/** What {@link parseRateLimitHeaders} found. */
export interface RateLimitHeaders {
  /** Request limit (`x-ratelimit-*-requests`, `anthropic-ratelimit-requests-*`). */
  readonly requests?: ReportedLimit;
  /** Token limit (`x-ratelimit-*-tokens`, `anthropic-ratelimit-tokens-*`). */
  readonly tokens?: ReportedLimit;
  /** `retry-after-ms` or `retry-after` (seconds or an HTTP date), in ms. */
  readonly retryAfterMs?: number;
}

/** Response headers as `fetch`/undici (`Headers`) or `node:http` (a plain object) give them. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const UNITS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 0.000_001,
};
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g;

/**
 * Parses a Go-style duration as OpenAI sends it (`"6m0s"`, `"1s"`, `"20ms"`, `"1h2m3.5s"`)
 * into ms. Returns `undefined` for anything else.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  let total = 0;
  let consumed = 0;
  for (const [part, amount, unit] of trimmed.matchAll(DURATION_PART)) {
    total += Number(amount) * UNITS[unit!]!;
    consumed += part.length;
  }
  return consumed > 0 && consumed === trimmed.length ? total : undefined;
}

function read(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function')
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | readonly string[] | undefined>)[name];
  return typeof value === 'string' ? value : value?.[0];
}

function number(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

// OpenAI sends durations; Anthropic sends RFC 3339 timestamps.
function resetIn(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const duration = parseDuration(text);
  if (duration !== undefined) return duration;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function limitOf(
  headers: HeaderSource,
  unit: 'requests' | 'tokens',
  now: number,
): ReportedLimit | undefined {
  const get = (what: string): string | undefined =>
    read(headers, `x-ratelimit-${what}-${unit}`) ??
    read(headers, `anthropic-ratelimit-${unit}-${what}`);
  const entries = Object.entries({
    limit: number(get('limit')),
    remaining: number(get('remaining')),
    resetMs: resetIn(get('reset'), now),
  }).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as ReportedLimit);
}

function retryAfter(headers: HeaderSource, now: number): number | undefined {
  const ms = number(read(headers, 'retry-after-ms'));
  if (ms !== undefined) return Math.max(0, ms);
  const text = read(headers, 'retry-after');
  const seconds = number(text);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const at = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Reads OpenAI `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*` and `retry-after(-ms)`
 * response headers. Header names must be lower-case in plain objects (as `node:http` gives them).
 *
 * @example
 * ```ts
 * parseRateLimitHeaders(response.headers);
 * // { requests: { limit: 500, remaining: 499, resetMs: 120 }, tokens: { … } }
 * ```
 */
export function parseRateLimitHeaders(
  headers: HeaderSource,
  now: number = Date.now(),
): RateLimitHeaders {
  const requests = limitOf(headers, 'requests', now);
  const tokens = limitOf(headers, 'tokens', now);
  const retryAfterMs = retryAfter(headers, now);
  return {
    ...(requests ? { requests } : {}),
    ...(tokens ? { tokens } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
