import { redact } from '@hotpath/provider-kit';
import { HttpError } from './http-error.ts';

interface ErrorFields {
  readonly code?: unknown;
  readonly status?: unknown;
  readonly upstreamMessage?: unknown;
  readonly retryAfterMs?: unknown;
  readonly message?: unknown;
}

function upstreamText(error: ErrorFields, fallback: string, secrets: readonly string[]): string {
  const said =
    typeof error.upstreamMessage === 'string' && error.upstreamMessage !== ''
      ? error.upstreamMessage
      : fallback;
  return redact(said, secrets);
}

function rateLimited(error: ErrorFields, secrets: readonly string[]): HttpError {
  const ms = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
  return new HttpError(
    429,
    upstreamText(error, 'Rate limited by the upstream: retry later.', secrets),
    {
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      ...(ms === undefined ? {} : { retryAfter: Math.max(1, Math.ceil(ms / 1000)) }),
    },
  );
}

function upstreamFailed(error: ErrorFields, secrets: readonly string[]): HttpError {
  const status = error.status === 503 || error.status === 529 ? 503 : 502;
  const message = upstreamText(error, 'The upstream is unreachable or failed.', secrets);
  return new HttpError(status, `Upstream error: ${message}`, {
    type: 'upstream_error',
    code: 'upstream_error',
  });
}

function rejected(error: ErrorFields, secrets: readonly string[]): HttpError {
  const status =
    typeof error.status === 'number' && error.status >= 400 && error.status < 500
      ? error.status
      : 400;
  return new HttpError(status, upstreamText(error, 'The upstream rejected the request.', secrets), {
    type: status === 404 ? 'not_found_error' : 'invalid_request_error',
  });
}

type Mapper = (error: ErrorFields, secrets: readonly string[]) => HttpError;

/** Error codes of the host and providers, and the answer each one gets. */
const MAPPERS: { readonly [code: string]: Mapper } = {
  HOTPATH_GATEWAY_UNKNOWN_MODEL: (e) =>
    new HttpError(404, String(e.message), { param: 'model', code: 'model_not_found' }),
  HOTPATH_PROVIDER_RATE_LIMITED: rateLimited,
  HOTPATH_PROVIDER_UPSTREAM: upstreamFailed,
  HOTPATH_PROVIDER_TIMEOUT: () =>
    new HttpError(504, 'The upstream did not answer in time.', {
      type: 'upstream_error',
      code: 'upstream_timeout',
    }),
  HOTPATH_PROVIDER_AUTH: (e, secrets) =>
    new HttpError(
      typeof e.status === 'number' ? e.status : 401,
      upstreamText(e, 'The upstream refused the API key.', secrets),
      { type: 'authentication_error', code: 'invalid_api_key' },
    ),
  HOTPATH_PROVIDER_CONTEXT_LENGTH: (e, secrets) =>
    new HttpError(400, upstreamText(e, 'The prompt does not fit the context window.', secrets), {
      param: 'messages',
      code: 'context_length_exceeded',
    }),
  HOTPATH_PROVIDER_BAD_REQUEST: rejected,
  HOTPATH_PROVIDER_UNSUPPORTED: () =>
    new HttpError(
      400,
      "This model's upstream does not support the call (for example embeddings on Anthropic).",
      { param: 'model', code: 'unsupported' },
    ),
  HOTPATH_EXECUTOR_RATE_LIMIT_CAPACITY: () =>
    new HttpError(
      429,
      "The request needs more tokens than the gateway's rate limit allows per minute: lower max_tokens or shorten the prompt.",
      {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
      },
    ),
  HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE: () =>
    new HttpError(503, "The gateway's shared rate limiter (Redis) is unreachable: retry later.", {
      type: 'server_error',
      code: 'rate_limiter_unavailable',
    }),
  HOTPATH_HOST_CLOSED: () =>
    new HttpError(503, 'The gateway is shutting down: retry on another instance.', {
      type: 'server_error',
      code: 'shutting_down',
    }),
};

/**
 * Maps any error of a call to the status and OpenAI-shaped body the client gets.
 * `secrets` (the client's key) are removed from every message; unknown errors get a
 * generic 500 that reveals nothing.
 */
export function toHttpError(error: unknown, secrets: readonly string[]): HttpError {
  if (error instanceof HttpError) return error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  const code =
    typeof fields.code === 'string' && Object.hasOwn(MAPPERS, fields.code) ? fields.code : '';
  const map = MAPPERS[code];
  if (map !== undefined) return map(fields, secrets);
  return new HttpError(500, 'The gateway failed to handle the request.', {
    type: 'server_error',
    code: 'internal_error',
  });
}
