import { DecodeError, StoreTimeoutError } from '../errors.ts';
import type { KeyvStoreLike } from '../store.ts';
import { publishError } from './channels.ts';
import type { Counters } from './counters.ts';
import { decodeEntry, type Entry, encodeEntry, fromStoreValue, toStoreValue } from './entry.ts';

/** Options of the L2 tier wrapper. */
export interface L2TierOptions {
  readonly timeout: number;
  readonly retryAfter: number;
  readonly maxRetryAfter: number;
}

const SKIPPED = Symbol('skipped');

/**
 * Wraps a keyv store so that it can never hang or throw into the cache: every call
 * is bounded by a timeout, failures are counted and published, and after a failure
 * the store is skipped for a backoff window, then probed again.
 */
export class L2Tier {
  readonly #store: KeyvStoreLike;
  readonly #options: L2TierOptions;
  readonly #counters: Counters;
  readonly #binary: boolean;
  #downUntil = 0;
  #failures = 0;

  constructor(store: KeyvStoreLike, options: L2TierOptions, counters: Counters) {
    this.#store = store;
    this.#options = options;
    this.#counters = counters;
    this.#binary = store.binary === true;
  }

  /** Reads and decodes an entry; `undefined` on a miss, an error or a corrupt entry. */
  async get(key: string): Promise<Entry | undefined> {
    const raw = await this.#call('get', key, () => this.#store.get(key));
    if (raw === undefined || raw === null || raw === SKIPPED) return undefined;
    try {
      return decodeEntry(fromStoreValue(raw));
    } catch (cause) {
      this.#counters.l2DecodeErrors++;
      publishError('decode', key, new DecodeError(key, { cause }));
      return undefined;
    }
  }

  /** Encodes and writes an entry; resolves whether the store took it. */
  async set(key: string, entry: Entry, encoded?: Buffer): Promise<boolean> {
    const bytes = encoded ?? encodeEntry(entry);
    const value = toStoreValue(bytes, this.#binary);
    // MAX_VALUE stands for "never" under LFU; anything beyond the year 2286 is stored without expiry.
    // Whole milliseconds: the clock is fractional, and Redis refuses `SET … PX 1234.5`.
    const ttl =
      entry.staleUntil < 1e13 ? Math.max(1, Math.ceil(entry.staleUntil - Date.now())) : undefined;
    const done = await this.#call('set', key, () => this.#store.set(key, value, ttl));
    return done !== SKIPPED;
  }

  /** Reads a raw value (used for tag invalidation times). */
  async getRaw(key: string): Promise<unknown> {
    const raw = await this.#call('get', key, () => this.#store.get(key));
    return raw === SKIPPED ? undefined : raw;
  }

  /** Writes a raw value without expiry. */
  async setRaw(key: string, value: string): Promise<void> {
    await this.#call('set', key, () => this.#store.set(key, value));
  }

  /** Deletes a key. */
  async delete(key: string): Promise<void> {
    await this.#call('delete', key, () => this.#store.delete(key));
  }

  /** Clears the store. */
  async clear(): Promise<void> {
    await this.#call('clear', undefined, () => this.#store.clear());
  }

  /** Disconnects the store when it can. */
  async close(): Promise<void> {
    await this.#store.disconnect?.();
  }

  async #call(
    operation: string,
    key: string | undefined,
    run: () => Promise<unknown>,
  ): Promise<unknown> {
    if (this.#downUntil > Date.now()) {
      this.#counters.l2Skipped++;
      return SKIPPED;
    }
    try {
      const result = await this.#bounded(operation, run);
      this.#failures = 0;
      return result;
    } catch (error) {
      this.#fail(operation, key, error);
      return SKIPPED;
    }
  }

  #fail(operation: string, key: string | undefined, error: unknown): void {
    this.#counters.l2Errors++;
    this.#failures++;
    const wait = this.#options.retryAfter * 2 ** Math.min(this.#failures - 1, 16);
    this.#downUntil = Date.now() + Math.min(wait, this.#options.maxRetryAfter);
    publishError(`l2.${operation}`, key, error);
  }

  async #bounded(operation: string, run: () => Promise<unknown>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const pending = Promise.resolve().then(run);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        reject,
        this.#options.timeout,
        new StoreTimeoutError(operation, this.#options.timeout),
      );
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
      // A late rejection of the abandoned call must not become an unhandled rejection.
      pending.catch(() => {});
    }
  }
}
