import { channel } from 'node:diagnostics_channel';
import { describeValue } from '@hotpath/protocol';
import { POOL_CHANNELS } from './channels.ts';
import {
  AcquireTimeoutError,
  PoolArgumentError,
  PoolClosedError,
  PoolDrainedError,
} from './errors.ts';
import { OBJECT_POOL_OPTIONS } from './internal/option-keys.ts';
import {
  checkKeys,
  isFunction,
  optionalDurations,
  optionalInteger,
  optionalTimerDurations,
} from './internal/validate.ts';

const createErrorChannel = channel(POOL_CHANNELS.createError);

/** Options for {@link createObjectPool}. */
export interface ObjectPoolOptions<T> {
  /** Makes a new object. The signal aborts when the pool closes. */
  create: (options: { readonly signal: AbortSignal }) => T | Promise<T>;
  /** Disposes of an object the pool no longer keeps. Errors are counted, never thrown. */
  destroy?: (value: T) => void | Promise<void>;
  /** Checked on every borrow; a `false` (or a throw) destroys the object and tries another. */
  validate?: (value: T) => boolean | Promise<boolean>;
  /** Objects kept ready even when idle. @default 0 */
  min?: number;
  /** Most objects alive at once (idle, borrowed and being created). @default 10 */
  max?: number;
  /** How long `acquire()` waits before it rejects with `AcquireTimeoutError`. @default 30000 */
  acquireTimeoutMs?: number;
  /** Idle objects above `min` older than this are destroyed. @default 30000 */
  idleTimeoutMs?: number;
  /** First delay after a failed `create`; it doubles per consecutive failure. @default 50 */
  backoffInitialMs?: number;
  /** Longest delay between `create` attempts after failures. @default 5000 */
  backoffMaxMs?: number;
}

/** A borrowed object. Release it (or `using lease = await pool.acquire()`) to return it. */
export interface Lease<T> extends Disposable {
  readonly value: T;
  /** Returns the object to the pool. Calling it again does nothing. */
  release(): void;
  /** Destroys the object instead of returning it, for example after it broke. */
  destroy(): void;
}

/** Counters and gauges of an {@link ObjectPool}. */
export interface ObjectPoolStats {
  /** Objects alive: idle + borrowed + being created + being validated. */
  readonly size: number;
  readonly idle: number;
  readonly borrowed: number;
  readonly creating: number;
  /** Objects being validated on their way to a waiting `acquire()`. */
  readonly validating: number;
  /** `acquire()` calls waiting for an object. */
  readonly pending: number;
  readonly created: number;
  readonly destroyed: number;
  readonly createFailures: number;
  readonly validationFailures: number;
  readonly destroyFailures: number;
  readonly acquireTimeouts: number;
}

/** A bounded pool of reusable objects (parsers, sandboxes, browser pages, tokenizer instances …). */
export interface ObjectPool<T> extends AsyncDisposable {
  /** Borrows an object, waiting for one when all are in use. */
  acquire(options?: { readonly signal?: AbortSignal }): Promise<Lease<T>>;
  /** Borrows an object for the duration of `fn` and always returns it. */
  use<R>(fn: (value: T) => R | Promise<R>, options?: { readonly signal?: AbortSignal }): Promise<R>;
  stats(): ObjectPoolStats;
  /** Rejects waiting acquires, waits for borrowed objects to come back, and destroys everything. */
  close(): Promise<void>;
}

interface Idle<T> {
  readonly value: T;
  readonly since: number;
}

interface Waiter<T> {
  settled: boolean;
  readonly resolve: (lease: Lease<T>) => void;
  readonly reject: (error: unknown) => void;
}

class Pool<T> implements ObjectPool<T> {
  readonly #create: ObjectPoolOptions<T>['create'];
  readonly #destroyFn: ((value: T) => void | Promise<void>) | undefined;
  readonly #validate: ((value: T) => boolean | Promise<boolean>) | undefined;
  readonly #min: number;
  readonly #max: number;
  readonly #acquireTimeoutMs: number;
  readonly #idleTimeoutMs: number;
  readonly #backoffInitialMs: number;
  readonly #backoffMaxMs: number;
  readonly #idle: Idle<T>[] = [];
  readonly #waiters: Waiter<T>[] = [];
  readonly #lifetime = new AbortController();
  readonly #evictTimer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #borrowed = 0;
  #creating = 0;
  // Objects being validated on their way to a waiter: alive, but not lent to anyone yet.
  #validating = 0;
  #closing: Promise<void> | undefined;
  #failureStreak = 0;
  // performance.now() times, like every deadline here: a wall-clock step must not stall creates.
  #nextCreateAt = 0;
  #lastCreateError: unknown;
  #closed = false;
  #onEmpty: (() => void) | undefined;
  #counts = {
    created: 0,
    destroyed: 0,
    createFailures: 0,
    validationFailures: 0,
    destroyFailures: 0,
    acquireTimeouts: 0,
  };

  constructor(options: ObjectPoolOptions<T>) {
    this.#create = options.create;
    this.#destroyFn = options.destroy;
    this.#validate = options.validate;
    this.#min = options.min ?? 0;
    this.#max = options.max ?? 10;
    this.#acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.#backoffInitialMs = options.backoffInitialMs ?? 50;
    this.#backoffMaxMs = options.backoffMaxMs ?? 5_000;
    if (Number.isFinite(this.#idleTimeoutMs)) {
      const period = Math.max(10, Math.min(this.#idleTimeoutMs / 2, 60_000));
      this.#evictTimer = setInterval(() => this.#evictIdle(), period).unref();
    }
    this.#fill();
  }

  get #size(): number {
    return this.#idle.length + this.#borrowed + this.#creating + this.#validating;
  }

  acquire(options?: { readonly signal?: AbortSignal }): Promise<Lease<T>> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(
        new PoolArgumentError(
          `\`options.signal\` must be an AbortSignal, got ${describeValue(signal)}`,
        ),
      );
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const idle = this.#validate === undefined && this.#waiters.length === 0 && this.#idle.pop();
    if (idle) return Promise.resolve(this.#lease(idle.value));
    return new Promise((resolve, reject) => this.#enqueue(resolve, reject, signal));
  }

  async use<R>(
    fn: (value: T) => R | Promise<R>,
    options?: { readonly signal?: AbortSignal },
  ): Promise<R> {
    const lease = await this.acquire(options);
    try {
      return await fn(lease.value);
    } finally {
      lease.release();
    }
  }

  stats(): ObjectPoolStats {
    return {
      size: this.#size,
      idle: this.#idle.length,
      borrowed: this.#borrowed,
      creating: this.#creating,
      validating: this.#validating,
      pending: this.#waiters.length,
      ...this.#counts,
    };
  }

  close(): Promise<void> {
    // A second close() waits for the same moment as the first.
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#evictTimer);
    clearTimeout(this.#retryTimer);
    this.#lifetime.abort(new PoolClosedError());
    for (const waiter of this.#waiters.splice(0)) this.#settle(waiter, new PoolDrainedError());
    for (const { value } of this.#idle.splice(0)) this.#destroy(value);
    // Only leases are waited for: a create or validate that ignores the pool closing could hang
    // close() forever; what they hand back later is destroyed (#giveBack on a closed pool).
    if (this.#borrowed > 0) {
      await new Promise<void>((resolve) => {
        this.#onEmpty = resolve;
      });
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #enqueue(
    resolve: (lease: Lease<T>) => void,
    reject: (error: unknown) => void,
    signal: AbortSignal | undefined,
  ): void {
    const onAbort = (): void => this.#cancel(waiter, signal!.reason);
    const timer = Number.isFinite(this.#acquireTimeoutMs)
      ? setTimeout(() => {
          this.#counts.acquireTimeouts++;
          const cause = this.#lastCreateError;
          this.#cancel(waiter, new AcquireTimeoutError(this.#acquireTimeoutMs, { cause }));
        }, this.#acquireTimeoutMs)
      : undefined;
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const waiter: Waiter<T> = {
      settled: false,
      resolve: (lease) => {
        done();
        resolve(lease);
      },
      reject: (error) => {
        done();
        reject(error);
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#waiters.push(waiter);
    this.#dispatch();
  }

  #cancel(waiter: Waiter<T>, error: unknown): void {
    const index = this.#waiters.indexOf(waiter);
    if (index !== -1) this.#waiters.splice(index, 1);
    this.#settle(waiter, error);
  }

  #settle(waiter: Waiter<T>, result: Lease<T> | unknown, ok = false): void {
    if (waiter.settled) return;
    waiter.settled = true;
    if (ok) waiter.resolve(result as Lease<T>);
    else waiter.reject(result);
  }

  /** Matches waiters with idle objects, then starts as many creates as waiters still need. */
  #dispatch(): void {
    while (this.#waiters.length > 0 && this.#idle.length > 0) {
      this.#handOver(this.#waiters.shift()!, this.#idle.pop()!.value);
    }
    const need = this.#waiters.length - this.#creating;
    for (let i = 0; i < need && this.#canCreate(); i++) this.#startCreate();
  }

  #canCreate(): boolean {
    if (this.#closed || this.#size >= this.#max) return false;
    const wait = this.#nextCreateAt - performance.now();
    if (wait <= 0) return true;
    this.#retryTimer ??= setTimeout(() => {
      this.#retryTimer = undefined;
      this.#dispatch();
      this.#fill();
    }, wait).unref();
    return false;
  }

  #handOver(waiter: Waiter<T>, value: T): void {
    if (this.#validate === undefined) {
      this.#settle(waiter, this.#lease(value), true);
    } else {
      this.#validating++;
      void this.#validated(value).then((valid) => this.#afterValidation(waiter, value, valid));
    }
  }

  #afterValidation(waiter: Waiter<T>, value: T, valid: boolean): void {
    this.#validating--;
    if (valid) {
      if (waiter.settled || this.#closed) this.#giveBack(value);
      else this.#settle(waiter, this.#lease(value), true);
      return;
    }
    this.#counts.validationFailures++;
    this.#destroy(value);
    if (!waiter.settled) this.#waiters.unshift(waiter);
    this.#dispatch();
  }

  async #validated(value: T): Promise<boolean> {
    try {
      return (await this.#validate!(value)) === true;
    } catch {
      return false;
    }
  }

  #startCreate(): void {
    this.#creating++;
    void (async () => {
      try {
        const value = await this.#create({ signal: this.#lifetime.signal });
        this.#creating--;
        this.#failureStreak = 0;
        this.#counts.created++;
        this.#giveBack(value);
      } catch (error) {
        this.#creating--;
        this.#createFailed(error);
      }
    })();
  }

  #createFailed(error: unknown): void {
    this.#counts.createFailures++;
    this.#lastCreateError = error;
    const delay = Math.min(this.#backoffMaxMs, this.#backoffInitialMs * 2 ** this.#failureStreak);
    this.#failureStreak++;
    this.#nextCreateAt = performance.now() + delay;
    if (createErrorChannel.hasSubscribers) createErrorChannel.publish({ error, retryInMs: delay });
    this.#checkEmpty();
    this.#dispatch();
    this.#fill();
  }

  /** Puts a value back: to the first waiter, to the idle stack, or to destruction when closed. */
  #giveBack(value: T): void {
    const waiter = this.#closed ? undefined : this.#waiters.shift();
    if (this.#closed) this.#destroy(value);
    else if (waiter) this.#handOver(waiter, value);
    else this.#idle.push({ value, since: performance.now() });
  }

  #lease(value: T): Lease<T> {
    this.#borrowed++;
    let done = false;
    const finish = (destroy: boolean): void => {
      if (done) return;
      done = true;
      this.#borrowed--;
      if (destroy) this.#destroy(value);
      else this.#giveBack(value);
      if (destroy) this.#fillAndDispatch();
    };
    return {
      value,
      release: () => finish(false),
      destroy: () => finish(true),
      [Symbol.dispose]: () => finish(false),
    };
  }

  #fillAndDispatch(): void {
    this.#dispatch();
    this.#fill();
  }

  #destroy(value: T): void {
    this.#counts.destroyed++;
    this.#checkEmpty();
    if (this.#destroyFn === undefined) return;
    try {
      void Promise.resolve(this.#destroyFn(value)).catch(() => this.#counts.destroyFailures++);
    } catch {
      this.#counts.destroyFailures++;
    }
  }

  #checkEmpty(): void {
    if (this.#closed && this.#borrowed === 0) this.#onEmpty?.();
  }

  /** Keeps at least `min` objects alive. */
  #fill(): void {
    while (this.#size < this.#min && this.#canCreate()) this.#startCreate();
  }

  #evictIdle(): void {
    const cutoff = performance.now() - this.#idleTimeoutMs;
    // The stack's bottom holds the longest-idle objects.
    while (this.#idle.length > 0 && this.#size > this.#min && this.#idle[0]!.since <= cutoff) {
      this.#destroy(this.#idle.shift()!.value);
    }
  }
}

/**
 * Creates a bounded object pool: objects are created on demand up to `max`,
 * validated on borrow, evicted when idle, and re-created with exponential
 * backoff when `create` fails instead of in a busy loop.
 *
 * @example
 * ```ts
 * const pool = createObjectPool({ create: () => new Parser(), max: 4 });
 * using lease = await pool.acquire({ signal });
 * lease.value.parse(text);
 * ```
 */
export function createObjectPool<T>(options: ObjectPoolOptions<T>): ObjectPool<T> {
  isFunction('options.create', options?.create);
  checkKeys('options', options, OBJECT_POOL_OPTIONS);
  isFunction('options.destroy', options.destroy, true);
  isFunction('options.validate', options.validate, true);
  optionalInteger('options.min', options.min, 0);
  optionalInteger('options.max', options.max, 1);
  optionalDurations(options, ['idleTimeoutMs']);
  optionalTimerDurations(options, ['acquireTimeoutMs', 'backoffInitialMs', 'backoffMaxMs']);
  if ((options.min ?? 0) > (options.max ?? 10)) {
    throw new PoolArgumentError('`options.min` must not exceed `options.max`');
  }
  return new Pool(options);
}
