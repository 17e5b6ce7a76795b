import { checkKnownKeys, describeValue, type KnownKeys, knownKeys } from '@hotpath/protocol';
import { SimulatorArgumentError } from './errors.ts';

/**
 * A fault the simulator can inject:
 * - `429`: rate limited, with `Retry-After` and the provider's rate-limit headers
 * - `500`, `503`: server error / overloaded, in the provider's error shape
 * - `slow-headers`: the response headers are held back for `slowHeadersMs`, then the request proceeds normally
 * - `reset`: the TCP connection is reset in the middle of the body (after `faultAfterTokens` tokens)
 * - `malformed`: one chunk (or the whole non-streaming body) is cut-off JSON; a stream then continues normally
 * - `truncate`: the body ends cleanly after `faultAfterTokens` tokens, without the provider's end marker
 * - `stream-error`: after `faultAfterTokens` tokens the stream carries the provider's in-band error
 *   (Anthropic `event: error`, an OpenAI `data: {"error":…}`, an Ollama `{"error":…}` line) and ends;
 *   a non-streaming request gets a 500
 */
export type FaultMode =
  | '429'
  | '500'
  | '503'
  | 'slow-headers'
  | 'reset'
  | 'malformed'
  | 'truncate'
  | 'stream-error';

/** Every {@link FaultMode}, in documentation order. */
export const FAULT_MODES: readonly FaultMode[] = [
  '429',
  '500',
  '503',
  'slow-headers',
  'reset',
  'malformed',
  'truncate',
  'stream-error',
];

/** The rate-limit window the simulator enforces and reports in its rate-limit headers. */
export interface RateLimitOptions {
  /** Requests allowed per window. @default 1_000_000 */
  readonly requests?: number;
  /** Tokens (prompt + completion) allowed per window. @default 1_000_000_000 */
  readonly tokens?: number;
  /** Window length in milliseconds. @default 60_000 */
  readonly windowMs?: number;
}

/** Options of `startSimulator`; every behaviour can also be overridden per request by an `x-sim-*` header. */
export interface SimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  readonly host?: string;
  /** Seed mixed into every generated answer and embedding, and the fault-rate draw. @default 0 */
  readonly seed?: number;
  /** Time to first token in ms (non-streaming responses wait for the whole generation). @default 0 */
  readonly ttftMs?: number;
  /** Token rate after the first token; `Infinity` sends everything at once. @default Infinity */
  readonly tokensPerSecond?: number;
  /** Random spread of each inter-token gap, 0 (none) to 1 (±100 %), drawn from a seeded PRNG. @default 0 */
  readonly jitter?: number;
  /** Length of a natural answer in tokens; the request's max tokens cuts it short with finish reason `length`. @default 32 */
  readonly responseTokens?: number;
  /**
   * Reasoning tokens sent before the answer (OpenAI-compatible `reasoning_content`, Anthropic
   * `thinking` blocks, Ollama `message.thinking`); they count towards the request's max tokens.
   * @default 0
   */
  readonly reasoningTokens?: number;
  /** Embedding vector length when the request does not ask for `dimensions`. @default 1536 */
  readonly embeddingDimensions?: number;
  /** A fault injected into every request. @default undefined (none) */
  readonly fault?: FaultMode;
  /** Fraction of requests (0–1) that get a fault drawn from `faultModes`, decided by a PRNG seeded with `seed`. @default 0 */
  readonly faultRate?: number;
  /** The faults `faultRate` draws from. @default FAULT_MODES */
  readonly faultModes?: readonly FaultMode[];
  /** Tokens sent before a `reset`, `malformed`, `truncate` or `stream-error` fault strikes. @default half of the answer */
  readonly faultAfterTokens?: number;
  /**
   * How long an injected 429 asks the client to wait, in ms: sent as `Retry-After` in whole
   * seconds, rounded up (the header's unit). @default 1000
   */
  readonly retryAfterMs?: number;
  /** How long the `slow-headers` fault holds the response headers back, in ms. @default 2000 */
  readonly slowHeadersMs?: number;
  /** The enforced rate-limit window (exceeding it returns a real 429). */
  readonly rateLimit?: RateLimitOptions;
  /** Model ids listed by `GET /v1/models` and `GET /api/tags`. @default ['sim-small', 'sim-large', 'sim-embed'] */
  readonly models?: readonly string[];
  /**
   * How many of the most recent requests `sim.requests` keeps (method, path, headers without
   * credentials, parsed body); older ones are dropped and counted in `sim.requestsDropped`.
   * 0 records nothing.
   * @default 100
   */
  readonly recordRequests?: number;
}

/** {@link SimulatorOptions} with every default applied. */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
  readonly jitter: number;
  readonly responseTokens: number;
  readonly reasoningTokens: number;
  readonly embeddingDimensions: number;
  readonly fault: FaultMode | undefined;
  readonly faultRate: number;
  readonly faultModes: readonly FaultMode[];
  readonly faultAfterTokens: number | undefined;
  readonly retryAfterMs: number;
  readonly slowHeadersMs: number;
  readonly rateLimit: Required<RateLimitOptions>;
  readonly models: readonly string[];
  readonly recordRequests: number;
}

function check(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  int: boolean,
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' && value >= min && value <= max && (!int || Number.isInteger(value));
  if (!ok) {
    const kind = int ? 'an integer' : 'a number';
    throw new SimulatorArgumentError(
      `options.${name} must be ${kind} from ${min} to ${max}, got ${describeValue(value)}`,
    );
  }
}

/** True when `value` names a {@link FaultMode}. */
export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value);
}

function checkFaults(options: SimulatorOptions): void {
  if (options.fault !== undefined && !isFaultMode(options.fault)) {
    throw new SimulatorArgumentError(
      `options.fault must be one of ${FAULT_MODES.join(', ')}, got ${describeValue(options.fault)}`,
    );
  }
  const modes = options.faultModes;
  if (
    modes !== undefined &&
    (!Array.isArray(modes) || modes.length === 0 || !modes.every(isFaultMode))
  ) {
    throw new SimulatorArgumentError(
      `options.faultModes must be a non-empty array of ${FAULT_MODES.join(', ')}`,
    );
  }
}

function checkNumbers(options: SimulatorOptions): void {
  check('port', options.port, 0, 65535, true);
  check('seed', options.seed, -(2 ** 31), 2 ** 32 - 1, true);
  check('ttftMs', options.ttftMs, 0, 3_600_000, false);
  check('tokensPerSecond', options.tokensPerSecond, Number.MIN_VALUE, Infinity, false);
  check('jitter', options.jitter, 0, 1, false);
  check('responseTokens', options.responseTokens, 0, 1_000_000, true);
  check('reasoningTokens', options.reasoningTokens, 0, 1_000_000, true);
  check('embeddingDimensions', options.embeddingDimensions, 1, 65536, true);
  check('faultRate', options.faultRate, 0, 1, false);
  check('faultAfterTokens', options.faultAfterTokens, 0, 1_000_000, true);
  check('retryAfterMs', options.retryAfterMs, 0, 86_400_000, false);
  check('slowHeadersMs', options.slowHeadersMs, 0, 3_600_000, false);
  check('rateLimit.requests', options.rateLimit?.requests, 1, Number.MAX_SAFE_INTEGER, true);
  check('rateLimit.tokens', options.rateLimit?.tokens, 1, Number.MAX_SAFE_INTEGER, true);
  check('rateLimit.windowMs', options.rateLimit?.windowMs, 1, 86_400_000, true);
  check('recordRequests', options.recordRequests, 0, 1_000_000, true);
}

function checkStrings(options: SimulatorOptions): void {
  if (options.host !== undefined && (typeof options.host !== 'string' || options.host === '')) {
    throw new SimulatorArgumentError('options.host must be a non-empty string such as "127.0.0.1"');
  }
  const models = options.models;
  if (
    models !== undefined &&
    (!Array.isArray(models) || !models.every((m) => typeof m === 'string'))
  ) {
    throw new SimulatorArgumentError('options.models must be an array of model id strings');
  }
}

const OPTIONS: KnownKeys = knownKeys<SimulatorOptions>({
  port: true,
  host: true,
  seed: true,
  ttftMs: true,
  tokensPerSecond: true,
  jitter: true,
  responseTokens: true,
  reasoningTokens: true,
  embeddingDimensions: true,
  fault: true,
  faultRate: true,
  faultModes: true,
  faultAfterTokens: true,
  retryAfterMs: true,
  slowHeadersMs: true,
  rateLimit: true,
  models: true,
  recordRequests: true,
});
const RATE_LIMIT_OPTIONS: KnownKeys = knownKeys<RateLimitOptions>({
  requests: true,
  tokens: true,
  windowMs: true,
});

/** Rejects a key `known` does not list, naming the new spelling of an old one. */
function checkKeys(options: object, known: KnownKeys, name: string): void {
  checkKnownKeys(options, known, name, (message) => new SimulatorArgumentError(message));
}

/** Validates `options` (throwing {@link SimulatorArgumentError}) and fills in the defaults. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new SimulatorArgumentError('options must be an object');
  }
  checkKeys(options, OPTIONS, 'options');
  const rateLimit: unknown = options.rateLimit;
  if (rateLimit !== undefined && (typeof rateLimit !== 'object' || rateLimit === null)) {
    throw new SimulatorArgumentError(
      `options.rateLimit must be an object such as { requests: 60, windowMs: 60_000 }, got ${describeValue(rateLimit)}`,
    );
  }
  if (rateLimit !== undefined) checkKeys(rateLimit, RATE_LIMIT_OPTIONS, 'options.rateLimit');
  checkNumbers(options);
  checkStrings(options);
  checkFaults(options);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 0,
    ttftMs: options.ttftMs ?? 0,
    tokensPerSecond: options.tokensPerSecond ?? Infinity,
    jitter: options.jitter ?? 0,
    responseTokens: options.responseTokens ?? 32,
    reasoningTokens: options.reasoningTokens ?? 0,
    embeddingDimensions: options.embeddingDimensions ?? 1536,
    fault: options.fault,
    faultRate: options.faultRate ?? 0,
    faultModes: options.faultModes ?? FAULT_MODES,
    faultAfterTokens: options.faultAfterTokens,
    retryAfterMs: options.retryAfterMs ?? 1000,
    slowHeadersMs: options.slowHeadersMs ?? 2000,
    rateLimit: {
      requests: options.rateLimit?.requests ?? 1_000_000,
      tokens: options.rateLimit?.tokens ?? 1_000_000_000,
      windowMs: options.rateLimit?.windowMs ?? 60_000,
    },
    models: options.models ?? ['sim-small', 'sim-large', 'sim-embed'],
    recordRequests: options.recordRequests ?? 100,
  };
}
