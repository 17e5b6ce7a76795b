import {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Middleware,
  type Plugin,
} from '@hotpath/protocol';
import { type BatchSettings, EmbedBatchers } from './embed-batchers.ts';
import { BatchPluginArgumentError } from './errors.ts';

/** Options of {@link batchPlugin}. */
export interface BatchPluginOptions {
  /** Most texts in one upstream embedding request; a fuller batch is sent at once. @default 128 */
  readonly maxBatchSize?: number;
  /**
   * How long the first call of a batch waits for others, in ms. `0` sends the batch at the end
   * of the current tick, so calls made together (for example in one `Promise.all`) share it.
   * @default 0
   */
  readonly maxWaitMs?: number;
}

function checkOptions(options: BatchPluginOptions): BatchSettings {
  if (typeof options !== 'object' || options === null) {
    throw new BatchPluginArgumentError('options', 'an object');
  }
  const { maxBatchSize = 128, maxWaitMs = 0 } = options;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new BatchPluginArgumentError('options.maxBatchSize', 'an integer ≥ 1');
  }
  if (typeof maxWaitMs !== 'number' || !Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
    throw new BatchPluginArgumentError('options.maxWaitMs', 'a finite number ≥ 0');
  }
  return { maxBatchSize, maxWaitMs };
}

function batchEmbed(settings: BatchSettings, all: Set<EmbedBatchers>): Middleware<'embed'> {
  return (next) => {
    const batchers = new EmbedBatchers(next, settings);
    all.add(batchers);
    return (request, context) => {
      // Per-call headers cannot be merged into a shared request, so those calls go alone.
      const headers = context.headers !== undefined && Object.keys(context.headers).length > 0;
      if (headers || !Array.isArray(request.input) || request.input.length === 0) {
        return next(request, context);
      }
      return batchers.embed(request, context.signal);
    };
  };
}

const OPTIONS: KnownKeys = knownKeys<BatchPluginOptions>({
  maxBatchSize: true,
  maxWaitMs: true,
});

/**
 * Micro-batches `embed` calls: calls for the same model and dimensions made in the same tick
 * (or within `maxWaitMs`) become one upstream request of at most `maxBatchSize` distinct texts,
 * built on `createBatcher` from `@hotpath/executor`. Each caller gets its own vectors, in its
 * order; an upstream failure rejects every caller of that batch with the same error. Sits in
 * the `post` group, right above the provider, so caches and logging still see every call.
 *
 * @example
 * ```ts
 * const host = createHost({ provider, plugins: [batchPlugin({ maxBatchSize: 256 })] });
 * const [a, b] = await Promise.all([
 *   host.embed({ model: 'text-embedding-3-small', input: ['first'] }),
 *   host.embed({ model: 'text-embedding-3-small', input: ['second', 'third'] }),
 * ]); // one upstream request
 * ```
 */

export function batchPlugin(options: BatchPluginOptions = {}): Plugin {
  const settings = checkOptions(options);
  checkKnownKeys(options, OPTIONS, 'options', (m) => new BatchPluginArgumentError(m));
  return {
    name: 'batch',
    setup(context) {
      const all = new Set<EmbedBatchers>();
      context.onClose(async () => {
        await Promise.all([...all].map((batchers) => batchers.close()));
      });
      context.wrap('embed', batchEmbed(settings, all), { order: 'post' });
    },
  };
}
