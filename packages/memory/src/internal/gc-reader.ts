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
  const read = (): number => checkReading(sample());
  if (options.forceGc === false) return read;
  const gc = lazyGc();
  return () => {
    gc();
    return read();
  };
}

/** A reading is a finite number: NaN would otherwise surface rounds later, named `xs/ys`. */
function checkReading(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new MemoryArgumentError(
    'options.sample',
    'a function returning a finite number of bytes',
    value,
  );
}
