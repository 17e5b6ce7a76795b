import type { IncomingHttpHeaders } from 'node:http';
import { FAULT_MODES, type FaultMode, isFaultMode, type ResolvedOptions } from '../options.ts';
import type { Prng } from './prng.ts';

/** The server options a request's `x-sim-*` headers can override, under the same names. */
type Overridable =
  | 'seed'
  | 'ttftMs'
  | 'tokensPerSecond'
  | 'jitter'
  | 'responseTokens'
  | 'reasoningTokens'
  | 'fault'
  | 'faultAfterTokens'
  | 'slowHeadersMs';

/** How one request behaves: server defaults overridden by its `x-sim-*` headers. */
export interface RequestConfig extends Pick<ResolvedOptions, Overridable> {
  /** `x-sim-max-tokens`: caps the answer like the request's own max tokens. */
  readonly maxTokens: number | undefined;
  readonly retryAfterSeconds: number;
}

/** A request header that could not be understood; answered with a 400 in the provider's shape. */
export class BadHeaderError extends Error {}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(
  headers: IncomingHttpHeaders,
  name: string,
  fallback: number,
  range: readonly [number, number],
): number {
  const raw = header(headers, name);
  if (raw === undefined) return fallback;
  const value = raw.trim().toLowerCase() === 'infinity' ? Infinity : Number(raw);
  if (raw.trim() === '' || Number.isNaN(value) || value < range[0] || value > range[1]) {
    throw new BadHeaderError(
      `Header ${name} must be a number from ${range[0]} to ${range[1]}, got "${raw}".`,
    );
  }
  return value;
}

/** The largest token count a header may ask for, as `options.responseTokens` allows. */
const MAX_TOKENS = 1_000_000;

function integerHeader(
  headers: IncomingHttpHeaders,
  name: string,
  fallback: number,
  max = MAX_TOKENS,
): number {
  const value = numberHeader(headers, name, fallback, [0, max]);
  if (!Number.isInteger(value)) throw new BadHeaderError(`Header ${name} must be an integer.`);
  return value;
}

function drawFault(options: ResolvedOptions, rate: number, prng: Prng): FaultMode | undefined {
  if (options.fault !== undefined) return options.fault;
  if (rate <= 0 || prng() >= rate) return undefined;
  return options.faultModes[Math.floor(prng() * options.faultModes.length)];
}

function faultOf(
  headers: IncomingHttpHeaders,
  options: ResolvedOptions,
  prng: Prng,
): FaultMode | undefined {
  const raw = header(headers, 'x-sim-fault');
  if (raw === undefined) {
    return drawFault(
      options,
      numberHeader(headers, 'x-sim-fault-rate', options.faultRate, [0, 1]),
      prng,
    );
  }
  if (raw === 'none') return undefined;
  if (isFaultMode(raw)) return raw;
  throw new BadHeaderError(
    `Header x-sim-fault must be one of none, ${FAULT_MODES.join(', ')}, got "${raw}".`,
  );
}

/**
 * Reads the `x-sim-*` headers of one request over the server defaults. `bodySeed` is the
 * request body's own seed (OpenAI `seed`, Ollama `options.seed`), used when no header overrides it.
 */
export function requestConfig(
  headers: IncomingHttpHeaders,
  options: ResolvedOptions,
  faultPrng: Prng,
  bodySeed: number | undefined,
): RequestConfig {
  const afterRaw = header(headers, 'x-sim-fault-after');
  const maxRaw = header(headers, 'x-sim-max-tokens');
  return {
    seed: integerHeader(headers, 'x-sim-seed', bodySeed ?? options.seed, 2 ** 32 - 1),
    ttftMs: numberHeader(headers, 'x-sim-ttft-ms', options.ttftMs, [0, 3_600_000]),
    tokensPerSecond: numberHeader(headers, 'x-sim-tokens-per-sec', options.tokensPerSecond, [
      1e-9,
      Infinity,
    ]),
    jitter: numberHeader(headers, 'x-sim-jitter', options.jitter, [0, 1]),
    responseTokens: integerHeader(headers, 'x-sim-response-tokens', options.responseTokens),
    reasoningTokens: integerHeader(headers, 'x-sim-reasoning-tokens', options.reasoningTokens),
    maxTokens: maxRaw === undefined ? undefined : integerHeader(headers, 'x-sim-max-tokens', 0),
    fault: faultOf(headers, options, faultPrng),
    faultAfterTokens:
      afterRaw === undefined
        ? options.faultAfterTokens
        : integerHeader(headers, 'x-sim-fault-after', 0),
    // `Retry-After` counts whole seconds, so a fraction of one rounds up rather than to 0.
    // At most a day, as `options.retryAfterMs` allows.
    retryAfterSeconds: integerHeader(
      headers,
      'x-sim-retry-after',
      Math.ceil(options.retryAfterMs / 1000),
      86_400,
    ),
    slowHeadersMs: numberHeader(
      headers,
      'x-sim-slow-headers-ms',
      options.slowHeadersMs,
      [0, 3_600_000],
    ),
  };
}
