/** Options accepted by every hotpath error: the standard `cause`. */
export interface HotpathErrorOptions {
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * The brand every hotpath error carries on its prototype, whatever its base class. A global
 * symbol, so two copies of this package (a duplicated install) still recognise each other's errors.
 */
const BRAND: unique symbol = Symbol.for('@hotpath/protocol:error');

function isBranded(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return (value as { readonly [BRAND]?: unknown })[BRAND] === true;
  } catch {
    // A revoked proxy or a throwing trap: a predicate run in a catch block must not throw itself.
    return false;
  }
}

function brand(target: { prototype: object }): void {
  Object.defineProperty(target.prototype, BRAND, { value: true });
}

/** Gives a new error its class's name and its code (shared by both bases). */
function stamp(
  error: { name: string; code: string },
  target: { name: string },
  code: string,
): void {
  error.name = target.name;
  error.code = code;
}

/**
 * Base class of every error hotpath throws. Each subclass carries a stable
 * `code` (`HOTPATH_<PACKAGE>_<WHAT>`) that is never reused, so callers can
 * branch on `err.code` instead of parsing messages. Argument errors extend
 * {@link HotpathArgumentError} instead, so they stay `TypeError`s; `instanceof HotpathError`
 * and {@link isHotpathError} are true for them too.
 *
 * @example
 * ```ts
 * try { await provider.complete(req) }
 * catch (err) { if (isHotpathError(err)) console.error(err.code, err.message) }
 * ```
 */
export class HotpathError extends Error {
  /** Stable, documented error code, for example `HOTPATH_<PACKAGE>_TIMEOUT`. */
  declare readonly code: string;

  /**
   * @param code - stable error code
   * @param message - what happened and what to do about it
   * @param options - `{ cause }`
   */
  constructor(code: string, message: string, options?: HotpathErrorOptions) {
    super(message, options);
    stamp(this, new.target, code);
  }

  /**
   * `value instanceof HotpathError` is true for every hotpath error, argument errors (which are
   * `TypeError`s) and errors of another copy of this package included; a subclass such as
   * `ProviderRateLimitedError` still checks its own prototype chain.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`: HotpathError itself, or a subclass.
    // biome-ignore lint/complexity/noThisInStatic: a subclass must check its own prototype chain
    if (this === HotpathError) return isBranded(value);
    // biome-ignore lint/complexity/noThisInStatic: as above
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}
brand(HotpathError);

/**
 * Base class of hotpath's bad-argument errors: a `TypeError` (what JavaScript throws for a wrong
 * argument) that is also a hotpath error, with a stable `HOTPATH_<PACKAGE>_INVALID_ARGUMENT`
 * code. The message names the argument and what was expected.
 *
 * @example
 * ```ts
 * class MyArgumentError extends HotpathArgumentError {
 *   constructor(message: string) {
 *     super('MYAPP_INVALID_ARGUMENT', message);
 *   }
 * }
 * ```
 */
export class HotpathArgumentError extends TypeError {
  /** Stable, documented error code, `HOTPATH_<PACKAGE>_INVALID_ARGUMENT`. */
  declare readonly code: string;

  /**
   * @param code - stable error code
   * @param message - which argument was wrong and what was expected
   * @param options - `{ cause }`
   */
  constructor(code: string, message: string, options?: HotpathErrorOptions) {
    super(message, options);
    stamp(this, new.target, code);
  }
}
brand(HotpathArgumentError);

/**
 * Bad input to a `@hotpath/protocol` function (a seed that is not an integer). A `TypeError`
 * with the stable code `HOTPATH_PROTOCOL_INVALID_ARGUMENT`.
 */
export class ProtocolArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_PROTOCOL_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_PROTOCOL_INVALID_ARGUMENT';

  /** @param message - which argument was wrong and what was expected */
  constructor(message: string) {
    super('HOTPATH_PROTOCOL_INVALID_ARGUMENT', message);
  }
}

/**
 * True when `value` is a hotpath error: a {@link HotpathError} or a {@link HotpathArgumentError}
 * (optionally with the given `code`). It reads a brand, not the prototype chain, so it also
 * recognises errors thrown by another copy of a hotpath package or from another realm. It never
 * throws, whatever `value` is (a revoked proxy is simply not a hotpath error).
 */
export function isHotpathError(value: unknown, code?: string): value is HotpathError {
  return isBranded(value) && (code === undefined || (value as HotpathError).code === code);
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
