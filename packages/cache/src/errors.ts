import { argumentMessage, HotpathArgumentError, HotpathError } from '@hotpath/protocol';

/** Options accepted by every cache error: the standard `cause`. */
export interface CacheErrorOptions {
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * Bad input at the API boundary: a key that is not a non-empty string, a value that
 * cannot be cached, an option of the wrong type. A `TypeError` with a stable `code`.
 */
export class CacheArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_CACHE_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_CACHE_INVALID_ARGUMENT';

  /**
   * @param message - the whole message (an unknown option: it names the accepted ones)
   */
  constructor(message: string);
  /**
   * @param argument - name of the offending argument
   * @param expected - what was expected, for example `a non-empty string`
   * @param actual - the value received
   */
  constructor(argument: string, expected: string, actual: unknown);
  constructor(...args: [message: string] | [argument: string, expected: string, actual: unknown]) {
    super('HOTPATH_CACHE_INVALID_ARGUMENT', args.length === 1 ? args[0] : argumentMessage(...args));
  }
}

/** @internal A {@link CacheArgumentError} with this message, for `checkKnownKeys`. */
export function argumentError(message: string): CacheArgumentError {
  return new CacheArgumentError(message);
}

/** A factory did not settle within the hard `timeoutMs` of `getOrSet`. */
export class FactoryTimeoutError extends HotpathError {
  /**
   * @param key - the cache key being computed
   * @param timeoutMs - the hard timeout that elapsed
   */
  constructor(key: string, timeoutMs: number, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_FACTORY_TIMEOUT',
      `The factory for "${key}" did not finish within ${timeoutMs} ms: raise the getOrSet timeoutMs or make the factory faster. It keeps running and its result is stored when it finishes.`,
      options,
    );
  }
}

/** The L2 store did not answer within `l2.timeoutMs`; the cache carried on without it. */
export class StoreTimeoutError extends HotpathError {
  /**
   * @param operation - store method that timed out
   * @param timeoutMs - the store timeout
   */
  constructor(operation: string, timeoutMs: number) {
    super(
      'HOTPATH_CACHE_STORE_TIMEOUT',
      `The L2 store did not answer ${operation} within ${timeoutMs} ms: check the store's health or raise options.l2.timeoutMs.`,
    );
  }
}

/** An L2 entry could not be decoded; it is treated as a miss. */
export class DecodeError extends HotpathError {
  /** @param key - key of the undecodable entry */
  constructor(key: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_DECODE_FAILED',
      `The L2 entry for "${key}" could not be decoded and was treated as a miss: it was written by an incompatible version or corrupted; it will be overwritten on the next set.`,
      options,
    );
  }
}

/**
 * A stored entry failed its integrity check (checksum or length mismatch, or a field of the
 * wrong type): the bytes were changed after they were written. It is treated as a miss.
 */
export class IntegrityError extends HotpathError {
  /**
   * @param key - key of the corrupt entry
   * @param reason - what did not match, for example `checksum mismatch`
   */
  constructor(key: string, reason: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_INTEGRITY_FAILED',
      `The stored entry for "${key}" failed its integrity check (${reason}) and was treated as a miss: it was changed outside hotpath or the storage corrupted it, so check the disk or the store. The next set overwrites it.`,
      options,
    );
  }
}

/**
 * The SQLite file is damaged where `iterator()` has to list keys: neither the key index nor the
 * table can be read after a key, so no later key can be listed in order. Rows the iterator could
 * not read one by one were reported as {@link IntegrityError}s instead; this one ends it.
 */
export class StoreCorruptError extends HotpathError {
  /**
   * @param url - the store (`sqlite://` and its path)
   * @param after - the last key listed before the damage (`''` at the start)
   */
  constructor(url: string, after: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_STORE_CORRUPT',
      `The SQLite store ${url} is damaged after key ${JSON.stringify(after)}: neither its key index nor its table can be read there, so the iterator cannot list later keys. Run "PRAGMA integrity_check" and "REINDEX" on the file, or delete it (it is a cache).`,
      options,
    );
  }
}

/**
 * A background checkpoint of the SQLite store failed: its worker failed or exited (the store has
 * gone back to SQLite's own checkpoints, inside the commit that crosses 1,000 WAL pages, so
 * nothing is lost and the WAL stays bounded; only the stalls come back), or the store's own
 * catch-up checkpoint failed (the next one retries). Published on `hotpath:cache:error` and
 * emitted as the store's `'error'` event when someone listens; never thrown.
 */
export class CheckpointError extends HotpathError {
  /** @param url - the store (`sqlite://` and its path) */
  constructor(url: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_CHECKPOINT_FAILED',
      `A background checkpoint of the SQLite store ${url} failed (see the cause): if its worker failed, the store checkpoints its WAL inline again (SQLite's default).`,
      options,
    );
  }
}

/** The cache (or store) was used after `close()`. */
export class CacheClosedError extends HotpathError {
  /** @param what - the closed object */
  constructor(what: string) {
    super(
      'HOTPATH_CACHE_CLOSED',
      `This ${what} is closed: create a new one instead of using it after close().`,
    );
  }
}

/** An optional peer dependency (for example `@keyv/redis`) is not installed. */
export class MissingPeerError extends HotpathError {
  /** @param name - the npm package to install */
  constructor(name: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_MISSING_PEER',
      `The optional dependency "${name}" is not installed: run \`npm install ${name}\` to use this backend.`,
      options,
    );
  }
}

/**
 * The SQLite store could not open its file: it is not a SQLite database or is damaged where
 * SQLite reads it first, the path is a directory, or the disk or directory refuses the write.
 */
export class StoreOpenError extends HotpathError {
  /**
   * @param path - the database path
   * @param options - `cause`: the `node:sqlite` error
   */
  constructor(path: string, options?: CacheErrorOptions) {
    const reason = options?.cause instanceof Error ? options.cause.message : String(options?.cause);
    super(
      'HOTPATH_CACHE_STORE_OPEN_FAILED',
      `The SQLite store could not open ${path} (${reason}): if the file is damaged or not a SQLite database, delete it (it is a cache); otherwise check that its directory is writable and the disk has space.`,
      options,
    );
  }
}

/** A message on the bus channel that is not a cache bus message (published, then skipped). */
export class BusMessageError extends HotpathError {
  /** @param raw - the start of the message as received */
  constructor(raw: string, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_BUS_MESSAGE_INVALID',
      `A message on the cache bus channel was skipped: it is not a cache bus message (${JSON.stringify(raw.slice(0, 120))}). Only caches should publish on that channel.`,
      options,
    );
  }
}

/** `createRedisBus` could not connect to Redis within its `connectTimeoutMs`. */
export class BusConnectError extends HotpathError {
  /**
   * @param url - the Redis URL, without its credentials
   * @param timeoutMs - the connect timeout that elapsed
   */
  constructor(url: string, timeoutMs: number, options?: CacheErrorOptions) {
    super(
      'HOTPATH_CACHE_BUS_CONNECT_FAILED',
      `The cache bus could not connect to ${url} within ${timeoutMs} ms: check that Redis is running and reachable, or raise connectTimeoutMs.`,
      options,
    );
  }
}
