import { checkKnownKeys } from '@hotpath/protocol';
import type { CacheOptions, L2Options } from '../cache-options.ts';
import { argumentError, CacheArgumentError } from '../errors.ts';
import { isKeyvStoreLike, type KeyvStoreLike } from '../store.ts';
import type { CoreOptions } from './cache-core.ts';
import { estimateSize } from './entry.ts';
import { ADAPTIVE_TTL_OPTIONS, BACKOFF_OPTIONS, CACHE_OPTIONS, L2_OPTIONS } from './option-keys.ts';
import { checkDuration, checkTimerDuration } from './validate.ts';

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new CacheArgumentError(name, 'a positive integer', value);
  }
  return value;
}

function duration(value: unknown, name: string, fallback: number): number {
  checkDuration(value, name);
  return value ?? fallback;
}

function timerDuration(value: unknown, name: string, fallback: number): number {
  checkTimerDuration(value, name);
  return value ?? fallback;
}

function l2Options(l2: KeyvStoreLike | L2Options | undefined): CoreOptions['l2'] {
  if (l2 === undefined) return undefined;
  const options: L2Options = isKeyvStoreLike(l2) ? { store: l2 } : l2;
  if (!isKeyvStoreLike(options.store)) {
    throw new CacheArgumentError(
      'options.l2',
      'a keyv store (get, set, delete, clear) or { store }',
      l2,
    );
  }
  if (!isKeyvStoreLike(l2)) checkKnownKeys(l2, L2_OPTIONS, 'options.l2', argumentError);
  const tier = {
    timeoutMs: timerDuration(options.timeoutMs, 'options.l2.timeoutMs', 1000),
    retryAfterMs: duration(options.retryAfterMs, 'options.l2.retryAfterMs', 500),
    maxRetryAfterMs: duration(options.maxRetryAfterMs, 'options.l2.maxRetryAfterMs', 30_000),
  };
  return { store: options.store, tier };
}

function lfu(admission: unknown): boolean {
  if (admission !== undefined && admission !== 'lru' && admission !== 'lfu') {
    throw new CacheArgumentError('options.admission', "'lru' or 'lfu'", admission);
  }
  return admission === 'lfu';
}

function adaptive(option: CacheOptions['adaptiveTtl']): CoreOptions['adaptiveTtl'] {
  if (option === undefined) return undefined;
  if (typeof option !== 'object' || option === null) {
    throw new CacheArgumentError('options.adaptiveTtl', '{ maxMs, hitsPerStep? }', option);
  }
  checkKnownKeys(option, ADAPTIVE_TTL_OPTIONS, 'options.adaptiveTtl', argumentError);
  const maxMs: unknown = option.maxMs;
  if (typeof maxMs !== 'number' || !(maxMs > 0)) {
    throw new CacheArgumentError(
      'options.adaptiveTtl.maxMs',
      'a number of milliseconds > 0',
      maxMs,
    );
  }
  return {
    maxMs,
    hitsPerStep: positiveInt(option.hitsPerStep, 'options.adaptiveTtl.hitsPerStep', 10),
  };
}

function backoff(
  option: CacheOptions['backoff'],
): Pick<CoreOptions, 'backoffBaseMs' | 'backoffMaxMs'> {
  if (option !== undefined) {
    if (typeof option !== 'object' || option === null) {
      throw new CacheArgumentError('options.backoff', '{ baseMs?, maxMs? }', option);
    }
    checkKnownKeys(option, BACKOFF_OPTIONS, 'options.backoff', argumentError);
  }
  return {
    backoffBaseMs: duration(option?.baseMs, 'options.backoff.baseMs', 1000),
    backoffMaxMs: duration(option?.maxMs, 'options.backoff.maxMs', 60_000),
  };
}

/** Validates user options and applies the defaults. */
export function resolveOptions(options: CacheOptions = {}): CoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CacheArgumentError('options', 'an object', options);
  }
  checkKnownKeys(options, CACHE_OPTIONS, 'options', argumentError);
  if (options.sizeOf !== undefined && typeof options.sizeOf !== 'function') {
    throw new CacheArgumentError('options.sizeOf', 'a function', options.sizeOf);
  }
  return {
    max: positiveInt(options.max, 'options.max', 10_000),
    maxBytes: options.maxBytes === 0 ? 0 : positiveInt(options.maxBytes, 'options.maxBytes', 0),
    ttlMs: duration(options.ttlMs, 'options.ttlMs', Number.POSITIVE_INFINITY),
    graceMs: duration(options.graceMs, 'options.graceMs', 0),
    timeoutMs: timerDuration(options.timeoutMs, 'options.timeoutMs', Number.POSITIVE_INFINITY),
    softTimeoutMs: timerDuration(options.softTimeoutMs, 'options.softTimeoutMs', 0),
    ...backoff(options.backoff),
    l2: l2Options(options.l2),
    bus: options.bus,
    sizeOf: options.sizeOf ?? estimateSize,
    lfu: lfu(options.admission),
    adaptiveTtl: adaptive(options.adaptiveTtl),
  };
}
