import {
  ContextLengthError,
  ProviderAuthError,
  ProviderBadRequestError,
  type ProviderError,
  type ProviderErrorDetails,
  ProviderRateLimitedError,
  ProviderTimeoutError,
  ProviderUpstreamError,
} from './errors.ts';
import { type HeaderBag, parseRateLimitHeaders } from './rate-limit-headers.ts';
import { redact } from './redact.ts';

const CONTEXT_LENGTH =
  /context[_ ]length|maximum context|context window|prompt is too long|too many tokens|exceeds? the (?:model'?s? )?(?:context|maximum)/i;
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

/** Pulls the human message out of OpenAI, Anthropic and Ollama error bodies. */
export function upstreamMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string }; message?: string };
    const message =
      typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 500);
}

/** Maps an HTTP error response to a typed provider error with a stable code. */
export function mapHttpError(
  provider: string,
  status: number,
  headers: HeaderBag,
  text: string,
  secrets: readonly string[],
): ProviderError {
  const details: ProviderErrorDetails = {
    provider,
    status,
    // Redacted before the message is cut to length: a cut through a key would leave its
    // prefix, too short to be recognised, in the message.
    upstreamMessage: redact(upstreamMessage(redact(text, secrets)), secrets),
    rateLimit: parseRateLimitHeaders(headers),
  };
  if (status === 401 || status === 403) return new ProviderAuthError(details);
  if (status === 429) return new ProviderRateLimitedError(details);
  if (status === 408 || status === 504) return new ProviderTimeoutError(details);
  if ((status === 400 || status === 413) && CONTEXT_LENGTH.test(text)) {
    return new ContextLengthError(details);
  }
  if (status >= 400 && status < 500) return new ProviderBadRequestError(details);
  return new ProviderUpstreamError(details);
}

/**
 * Maps a transport failure (no HTTP answer) to a typed provider error. An abort
 * by the caller is returned unchanged: it is the caller's own reason.
 */
export function mapTransportError(provider: string, error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const code = (error as { code?: string } | undefined)?.code;
  const details = { provider, cause: error };
  return code !== undefined && TIMEOUT_CODES.has(code)
    ? new ProviderTimeoutError(details)
    : new ProviderUpstreamError(details);
}

/**
 * A stream that failed while its body was being read: when the read failed because the
 * transport's body timeout struck (the upstream went silent for longer than `bodyTimeoutMs`),
 * a {@link ProviderTimeoutError} (the decoder only sees a failed read, which it reports as a
 * reset connection); any other failure unchanged.
 */
export function mapStreamReadError(provider: string, error: unknown): unknown {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = cause?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code)
    ? new ProviderTimeoutError({ provider, cause: error })
    : error;
}
