import type { CacheOptions, L2Options } from '../cache-options.ts';
import { CacheArgumentError } from '../errors.ts';
import { isKeyvStoreLike, type KeyvStoreLike } from '../store.ts';
import type { CoreOptions } from './cache-core.ts';
import { estimateSize } from './entry.ts';
import { checkDuration } from './validate.ts';

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
  const tier = {
    timeout: duration(options.timeout, 'options.l2.timeout', 1000),
    retryAfter: duration(options.retryAfter, 'options.l2.retryAfter', 500),
    maxRetryAfter: duration(options.maxRetryAfter, 'options.l2.maxRetryAfter', 30_000),
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
  const max: unknown = option?.max;
  if (typeof max !== 'number' || !(max > 0)) {
    throw new CacheArgumentError('options.adaptiveTtl.max', 'a number of milliseconds > 0', max);
  }
  return {
    max,
    hitsPerStep: positiveInt(option.hitsPerStep, 'options.adaptiveTtl.hitsPerStep', 10),
  };
}

/** Validates user options and applies the defaults. */
export function resolveOptions(options: CacheOptions = {}): CoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new CacheArgumentError('options', 'an object', options);
  }
  if (options.sizeOf !== undefined && typeof options.sizeOf !== 'function') {
    throw new CacheArgumentError('options.sizeOf', 'a function', options.sizeOf);
  }
  return {
    max: positiveInt(options.max, 'options.max', 10_000),
    maxBytes: options.maxBytes === 0 ? 0 : positiveInt(options.maxBytes, 'options.maxBytes', 0),
    ttl: duration(options.ttl, 'options.ttl', Number.POSITIVE_INFINITY),
    grace: duration(options.grace, 'options.grace', 0),
    timeout: duration(options.timeout, 'options.timeout', Number.POSITIVE_INFINITY),
    softTimeout: duration(options.softTimeout, 'options.softTimeout', 0),
    backoffBase: duration(options.backoff?.base, 'options.backoff.base', 1000),
    backoffMax: duration(options.backoff?.max, 'options.backoff.max', 60_000),
    l2: l2Options(options.l2),
    bus: options.bus,
    sizeOf: options.sizeOf ?? estimateSize,
    lfu: lfu(options.admission),
    adaptiveTtl: adaptive(options.adaptiveTtl),
  };
}
