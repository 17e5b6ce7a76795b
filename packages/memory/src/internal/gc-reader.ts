import { MemoryArgumentError } from '../errors.ts';
import { liveBytes } from '../live-bytes.ts';
import { lazyGc } from './gc.ts';

/** The options that say how `detectLeak` and `watch` take a reading. */
export interface ReaderOptions {
  readonly sample?: (() => number) | undefined;
  readonly forceGc?: boolean | undefined;
}

/**
 * The reading `detectLeak` and `watch` take: `sample` (default {@link liveBytes}) after two full
 * GCs, or without them when `forceGc` is false. Throws at once when `sample` is not a function.
 */
export function gcReader(options: ReaderOptions): () => number {
  const sample = options.sample ?? liveBytes;
  if (typeof sample !== 'function') {
    throw new MemoryArgumentError('options.sample', 'a function returning bytes', sample);
  }
  if (options.forceGc === false) return sample;
  const gc = lazyGc();
  return () => {
    gc();
    return sample();
  };
}
