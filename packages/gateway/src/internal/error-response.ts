import {
  CacheArgumentError,
  CacheClosedError,
  DecodeError,
  FactoryTimeoutError,
  StoreTimeoutError,
} from '@hotpath/cache';
import { LimitClearedError, RateLimitCapacityError, TimeoutError } from '@hotpath/executor';
import { HostClosedError } from '@hotpath/host';
import { OpenAIRequestError, openaiParam } from '@hotpath/plugin-openai/server';
import { RedisStoreError } from '@hotpath/plugin-rate-limit';
import { AcquireTimeoutError, PoolClosedError, PoolDrainedError } from '@hotpath/pool';
import { HotpathArgumentError } from '@hotpath/protocol';
import {
  ContextLengthError,
  isRateLimited,
  ProviderAuthError,
  ProviderBadRequestError,
  type ProviderError,
  ProviderTimeoutError,
  ProviderUnsupportedError,
  ProviderUpstreamError,
  redact,
} from '@hotpath/provider-kit';
import {
  ConnectionResetError,
  EventTooLargeError,
  LateJoinError,
  MalformedChunkError,
  SlowConsumerError,
  StreamAbortedError,
  StreamTimeoutError,
  TruncatedStreamError,
  UpstreamStreamError,
} from '@hotpath/stream';
import { UnknownModelError } from '../errors.ts';
import { HttpError } from './http-error.ts';

type Answer<E> = (error: E, secrets: readonly string[]) => HttpError;
type ErrorClass<E> = abstract new (...args: never[]) => E;

/** One row of the table: the errors a class (or predicate) covers, and their answer. */
interface Rule {
  matches(error: unknown): boolean;
  answer: Answer<never>;
}

function of<E>(classes: readonly ErrorClass<E>[], answer: Answer<E>): Rule {
  return { matches: (e) => classes.some((c) => e instanceof c), answer: answer as Answer<never> };
}

function when<E>(test: (e: unknown) => e is E, answer: Answer<E>): Rule {
  return { matches: test, answer: answer as Answer<never> };
}

function upstreamText(error: ProviderError, fallback: string, secrets: readonly string[]): string {
  const said = error.upstreamMessage ? error.upstreamMessage : fallback;
  return redact(said, secrets);
}

const upstreamError = (status: number, message: string): HttpError =>
  new HttpError(status, message, { type: 'upstream_error', code: 'upstream_error' });
const timeout = (): HttpError =>
  new HttpError(504, 'The upstream did not answer in time.', {
    type: 'upstream_error',
    code: 'upstream_timeout',
  });
const unavailable = (code: string, message: string): HttpError =>
  new HttpError(503, message, { type: 'server_error', code });
const shuttingDown = (): HttpError =>
  unavailable('shutting_down', 'The gateway is shutting down: retry on another instance.');

function rateLimited(
  error: ProviderError & { retryAfterMs?: number | undefined },
  secrets: readonly string[],
): HttpError {
  const ms = error.retryAfterMs;
  const message = upstreamText(error, 'Rate limited by the upstream: retry later.', secrets);
  return new HttpError(429, message, {
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    ...(ms === undefined ? {} : { retryAfter: Math.max(1, Math.ceil(ms / 1000)) }),
  });
}

function rejected(error: ProviderBadRequestError, secrets: readonly string[]): HttpError {
  const status =
    error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400;
  return new HttpError(status, upstreamText(error, 'The upstream rejected the request.', secrets), {
    type: status === 404 ? 'not_found_error' : 'invalid_request_error',
  });
}

function unsupported(error: ProviderUnsupportedError): HttpError {
  if (error.parameter === undefined)
    return new HttpError(
      400,
      "This model's upstream does not support the call (for example embeddings on Anthropic).",
      {
        param: 'model',
        code: 'unsupported',
      },
    );
  const param = openaiParam(error.parameter);
  return new HttpError(
    400,
    `Unsupported parameter '${param}': this model's upstream (${error.provider}) has no counterpart for it; leave it out or route the model to an upstream that has.`,
    {
      param,
      code: 'unsupported_parameter',
    },
  );
}

/** The table, first match wins: every hotpath error a call can raise, by the class that owns it. */
const RULES: readonly Rule[] = [
  of(
    [OpenAIRequestError],
    (e) => new HttpError(400, e.message, { param: e.param, code: e.problem }),
  ),
  of(
    [UnknownModelError],
    (e) => new HttpError(404, e.message, { param: 'model', code: 'model_not_found' }),
  ),
  when(isRateLimited, rateLimited),
  of(
    [ProviderAuthError],
    (e, secrets) =>
      new HttpError(
        e.status ?? 401,
        upstreamText(e, 'The upstream refused the API key.', secrets),
        {
          type: 'authentication_error',
          code: 'invalid_api_key',
        },
      ),
  ),
  of(
    [ContextLengthError],
    (e, secrets) =>
      new HttpError(400, upstreamText(e, 'The prompt does not fit the context window.', secrets), {
        param: 'messages',
        code: 'context_length_exceeded',
      }),
  ),
  of([ProviderBadRequestError], rejected),
  of([ProviderUnsupportedError], unsupported),
  of([ProviderTimeoutError, StreamTimeoutError, TimeoutError, FactoryTimeoutError], timeout),
  of([ProviderUpstreamError], (e, secrets) =>
    upstreamError(
      e.status === 503 || e.status === 529 ? 503 : 502,
      `Upstream error: ${upstreamText(e, 'The upstream is unreachable or failed.', secrets)}`,
    ),
  ),
  of([UpstreamStreamError], (e, secrets) =>
    upstreamError(502, `Upstream error: ${redact(e.upstreamMessage ?? e.message, secrets)}`),
  ),
  of([MalformedChunkError, TruncatedStreamError, ConnectionResetError, EventTooLargeError], (e) =>
    upstreamError(502, `Upstream error: ${e.message}`),
  ),
  of(
    [RateLimitCapacityError],
    () =>
      new HttpError(
        429,
        "The request needs more tokens than the gateway's rate limit allows per minute: lower max_tokens or shorten the prompt.",
        {
          type: 'rate_limit_error',
          code: 'rate_limit_exceeded',
        },
      ),
  ),
  of([RedisStoreError], () =>
    unavailable(
      'rate_limiter_unavailable',
      "The gateway's shared rate limiter (Redis) is unreachable: retry later.",
    ),
  ),
  of(
    [HostClosedError, CacheClosedError, PoolClosedError, PoolDrainedError, LimitClearedError],
    shuttingDown,
  ),
  of([AcquireTimeoutError], () =>
    unavailable('upstream_busy', 'Every connection to the upstream is busy: retry later.'),
  ),
  of([StoreTimeoutError, DecodeError], () =>
    unavailable('cache_unavailable', "The gateway's cache store failed: retry."),
  ),
  of([SlowConsumerError, LateJoinError, StreamAbortedError], () =>
    unavailable(
      'shared_stream_failed',
      'The stream this call shared with an identical one failed: retry.',
    ),
  ),
  // Argument errors a request can still cause past the gateway's own checks: a tool call whose
  // arguments are not JSON (for Anthropic and Ollama), an image URL Ollama cannot fetch, a key
  // the cache refuses. Their messages name the field.
  of(
    [HotpathArgumentError, CacheArgumentError],
    (e, secrets) => new HttpError(400, redact(e.message, secrets), { code: 'invalid_value' }),
  ),
];

/** The generic answer to an error no rule covers: a 500 that reveals nothing. */
export const INTERNAL_ERROR_CODE = 'internal_error';

/**
 * Maps any error of a call to the status and OpenAI-shaped body the client gets, by the class
 * (or the owning package's predicate) of the error. `secrets` (the client's key, the upstreams'
 * keys) are removed from every message relayed; an error no rule covers gets a generic 500 that
 * reveals nothing.
 */
export function toHttpError(error: unknown, secrets: readonly string[]): HttpError {
  if (error instanceof HttpError) return error;
  for (const rule of RULES) if (rule.matches(error)) return rule.answer(error as never, secrets);
  return new HttpError(500, 'The gateway failed to handle the request.', {
    type: 'server_error',
    code: INTERNAL_ERROR_CODE,
  });
}
