import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GcUnavailableError } from '../errors.ts';

/** Runs a full, synchronous garbage collection. */
export type GcFunction = () => void;

/**
 * Obtains V8's `gc()` without a command-line flag: `--expose-gc` is switched on, a fresh
 * context is created (only contexts created after the switch get the `gc` global), and the flag
 * is switched back off so later contexts are unaffected. A process started with `--expose-gc`
 * already has `globalThis.gc`, which is used as is.
 */
export function obtainGc(): GcFunction {
  const existing: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return () => existing();
  let gc: unknown;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  } catch (cause) {
    throw new GcUnavailableError({ cause });
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc !== 'function') throw new GcUnavailableError();
  return gc as GcFunction;
}

/**
 * A collector that obtains `gc()` on its first call and keeps it in the returned closure, so each
 * instance (profiler, detector, watcher) pays the lookup once and nothing lives at module level.
 * Each call runs two full GCs: memory that the first one only unlinks (weakly held caches, flushed
 * bytecode, pages still being swept) is released by the second, instead of showing up as a sudden
 * drop in a later reading, where it spoils the regression of a small leak.
 */
export function lazyGc(): GcFunction {
  let gc: GcFunction | undefined;
  return () => {
    gc ??= obtainGc();
    gc();
    gc();
  };
}
