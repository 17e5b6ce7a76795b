/** Options accepted by every hotpath error: the standard `cause`. */
export interface HotpathErrorOptions {
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * Base class of every error hotpath throws. Each subclass carries a stable
 * `code` (`HOTPATH_<PACKAGE>_<WHAT>`) that is never reused, so callers can
 * branch on `err.code` instead of parsing messages.
 *
 * @example
 * ```ts
 * try { await provider.complete(req) }
 * catch (err) { if (isHotpathError(err) && err.code === 'HOTPATH_PROVIDER_RATE_LIMITED') retryLater() }
 * ```
 */
export class HotpathError extends Error {
  /** Stable, documented error code, for example `HOTPATH_EXECUTOR_TIMEOUT`. */
  readonly code: string;

  /**
   * @param code - stable error code
   * @param message - what happened and what to do about it
   * @param options - `{ cause }`
   */
  constructor(code: string, message: string, options?: HotpathErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** True when `value` is a {@link HotpathError} (optionally with the given `code`). */
export function isHotpathError(value: unknown, code?: string): value is HotpathError {
  return value instanceof HotpathError && (code === undefined || value.code === code);
}

/**
 * A URL fit for an error message or a log line: its user name and password removed
 * (`redis://user:secret@host:6379` → `redis://host:6379`). A string that is not a URL
 * gives `'<invalid url>'`, since it could be a credential itself.
 */
export function urlWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}
