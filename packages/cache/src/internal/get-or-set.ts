import type { CacheOutcome, GetOrSetStatus } from '../cache-options.ts';
import { CacheArgumentError, FactoryTimeoutError } from '../errors.ts';
import type { CacheCore, WriteSpec } from './cache-core.ts';
import { channels, publishError } from './channels.ts';
import type { Entry } from './entry.ts';
import { Flight } from './flight.ts';

/** What a factory receives. */
export interface FactoryContext<T> {
  /** The key being computed (with its namespace prefix). */
  readonly key: string;
  /** Aborted when every waiting caller aborted, or the cache closed. */
  readonly signal: AbortSignal;
  /** The stale value being refreshed, during grace. */
  readonly stale: T | undefined;
}

/** Computes a missing value. */
export type Factory<T> = (context: FactoryContext<T>) => T | Promise<T>;

/** Per-call wait options of the slow path. */
export interface WaitSpec extends WriteSpec {
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly softTimeoutMs: number;
  readonly status: GetOrSetStatus | undefined;
}

const noop = (): void => {};

function report(status: GetOrSetStatus | undefined, outcome: CacheOutcome): void {
  if (status !== undefined) status.outcome = outcome;
}

/** Reports the flight's outcome for this caller once `pending` settles. */
function reported<T>(
  pending: Promise<T>,
  status: GetOrSetStatus | undefined,
  flight: Flight,
  joined: boolean,
): Promise<T> {
  if (status === undefined) return pending;
  const settle = (): void => report(status, flight.outcome(joined));
  return pending.then(
    (value) => {
      settle();
      return value;
    },
    (error: unknown) => {
      settle();
      throw error;
    },
  );
}

/** The `getOrSet` path after an L1 miss: backoff, single-flight, L2, grace, factory. */
export async function resolveMiss<T>(
  core: CacheCore,
  key: string,
  factory: Factory<T>,
  spec: WaitSpec,
  l1Entry: Entry | undefined,
): Promise<T> {
  core.counters.l1Misses++;
  // Every counted miss is published, as every counted hit is: `/metrics` reads these events.
  if (channels.miss.hasSubscribers) channels.miss.publish({ key, tier: 'l1' });
  core.sketch?.increment(key);
  spec.signal?.throwIfAborted();
  const now = Date.now();
  const stale = l1Entry !== undefined && core.isServable(l1Entry, now) ? l1Entry : undefined;
  if (stale !== undefined && stale.retryAt > now) return serveStale(core, key, stale, spec);
  let flight = core.flights.get(key);
  const joined = flight !== undefined;
  if (flight === undefined) flight = startFlight(core, key, factory, spec, stale);
  else core.counters.coalesced++;
  if (stale !== undefined) return waitSoft(core, key, flight, stale, spec, joined);
  flight.waiters++;
  if (core.l2 === undefined)
    return reported(join(core, key, flight, spec) as Promise<T>, spec.status, flight, joined);
  // A synchronous L2 has answered already: no turn of the microtask queue to wait for it.
  const found = flight.looked ? flight.found : await flight.lookup;
  if (found !== undefined && found.expiresAt > Date.now()) {
    report(spec.status, 'hit');
    return found.value as T;
  }
  if (found !== undefined) {
    flight.background = true;
    return waitSoft(core, key, flight, found, spec, joined);
  }
  return reported(join(core, key, flight, spec) as Promise<T>, spec.status, flight, joined);
}

function startFlight<T>(
  core: CacheCore,
  key: string,
  factory: Factory<T>,
  spec: WriteSpec,
  stale: Entry | undefined,
): Flight {
  const flight = new Flight();
  flight.background = stale !== undefined;
  core.flights.set(key, flight);
  const settle = (found: Entry | undefined): unknown =>
    found !== undefined && found.expiresAt > Date.now()
      ? found.value
      : runFactory(core, key, factory, spec, flight, stale ?? found);
  const lookup = stale !== undefined || core.l2 === undefined ? flight.lookup : core.loadL2(key);
  if (lookup instanceof Promise) {
    flight.lookup = lookup;
    flight.result = lookup.then(settle);
  } else {
    // A synchronous L2 (SQLite) answered: the factory starts now, not turns of the queue later.
    flight.looked = true;
    flight.found = lookup;
    if (lookup !== undefined) flight.lookup = Promise.resolve(lookup);
    flight.result = Promise.resolve(settle(lookup));
  }
  const done = (): void => {
    if (core.flights.get(key) === flight) core.flights.delete(key);
  };
  flight.result.then(done, done);
  return flight;
}

async function runFactory<T>(
  core: CacheCore,
  key: string,
  factory: Factory<T>,
  spec: WriteSpec,
  flight: Flight,
  stale: Entry | undefined,
): Promise<T> {
  core.counters.factoryCalls++;
  flight.factoryCalled = true;
  if (channels.factory.hasSubscribers) channels.factory.publish({ key });
  try {
    // close() may have aborted the flight before its factory got to start: a factory that only
    // listens for 'abort' would then wait forever, and its callers with it.
    flight.controller.signal.throwIfAborted();
    const context = { key, signal: flight.controller.signal, stale: stale?.value as T | undefined };
    const value = await factory(context);
    if (value === undefined)
      throw new CacheArgumentError('factory result', 'a value other than undefined', value);
    if (typeof value === 'function' || typeof value === 'symbol')
      throw new CacheArgumentError(
        'factory result',
        'a value other than a function or a symbol',
        value,
      );
    if (!core.closed) core.write(key, core.makeEntry(value, spec, stale));
    return value;
  } catch (error) {
    core.counters.factoryErrors++;
    if (stale !== undefined) {
      stale.failures++;
      stale.retryAt = Date.now() + core.backoff(stale.failures);
    }
    publishError('factory', key, error);
    throw error;
  }
}

function serveStale<T>(core: CacheCore, key: string, stale: Entry, spec: WaitSpec): T {
  report(spec.status, 'hit');
  core.counters.staleServed++;
  if (channels.stale.hasSubscribers) channels.stale.publish({ key });
  return stale.value as T;
}

/** Grace: waits up to the soft timeout for the refresh, else (or on failure) serves stale. */
async function waitSoft<T>(
  core: CacheCore,
  key: string,
  flight: Flight,
  stale: Entry,
  spec: WaitSpec,
  joined: boolean,
): Promise<T> {
  flight.result.catch(noop);
  if (spec.softTimeoutMs <= 0) return serveStale(core, key, stale, spec);
  let timer: NodeJS.Timeout | undefined;
  const fresh = await Promise.race([
    flight.result.then((value) => ({ value }), noop),
    new Promise<undefined>((resolve) => {
      // Infinity: wait for the refresh (a timer would fire after 1 ms).
      if (spec.softTimeoutMs !== Infinity)
        timer = setTimeout(() => resolve(undefined), spec.softTimeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  if (fresh === undefined) return serveStale(core, key, stale, spec);
  report(spec.status, flight.outcome(joined));
  return fresh.value as T;
}

/** Waits for the flight's result, bounded by the caller's signal and hard timeout. */
function join(core: CacheCore, key: string, flight: Flight, spec: WaitSpec): Promise<unknown> {
  const { signal, timeoutMs: timeout } = spec;
  if (signal === undefined && !Number.isFinite(timeout)) return flight.result;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      settle();
      if (flight.leave(signal?.reason) && core.flights.get(key) === flight)
        core.flights.delete(key);
      reject(signal?.reason);
    };
    if (Number.isFinite(timeout)) timer = setTimeout(onTimeout, timeout);
    function onTimeout(): void {
      settle();
      core.counters.factoryTimeouts++;
      reject(new FactoryTimeoutError(key, timeout));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    flight.result.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
