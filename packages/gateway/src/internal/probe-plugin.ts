import { performance } from 'node:perf_hooks';
import type { CallContext, Middleware, Plugin, StreamDelta } from '@hotpath/protocol';

/** `ctx.locals` key: ms spent in upstream calls (to the first delta, for streams). */
export const UPSTREAM_MS = 'gateway:upstreamMs';

/** What the gateway learns about one host call: the call's `locals` (cache status, upstream time). */
export interface CallProbe {
  locals: CallContext['locals'] | undefined;
}

/** Probes by the call's signal: each HTTP request owns one signal, so it is a unique handle. */
export type Probes = WeakMap<AbortSignal, CallProbe>;

function attach<K extends 'complete' | 'embed' | 'stream'>(probes: Probes): Middleware<K> {
  return ((next: (r: unknown, c: CallContext) => unknown) =>
    (request: unknown, context: CallContext) => {
      const probe = context.signal === undefined ? undefined : probes.get(context.signal);
      if (probe !== undefined) probe.locals = context.locals;
      return next(request, context);
    }) as unknown as Middleware<K>;
}

function timeCall<K extends 'complete' | 'embed'>(): Middleware<K> {
  return ((next: (r: unknown, c: CallContext) => Promise<unknown>) =>
    async (request: unknown, context: CallContext) => {
      const started = performance.now();
      try {
        return await next(request, context);
      } finally {
        context.locals[UPSTREAM_MS] = performance.now() - started;
      }
    }) as unknown as Middleware<K>;
}

const timeStream: Middleware<'stream'> = (next) =>
  async function* (request, context): AsyncGenerator<StreamDelta> {
    const started = performance.now();
    let first = true;
    for await (const delta of next(request, context)) {
      if (first) {
        context.locals[UPSTREAM_MS] = performance.now() - started;
        first = false;
      }
      yield delta;
    }
  };

/**
 * The gateway's own plugin: outermost, it hands each call's `locals` to the HTTP layer
 * (cache status); innermost, it times the upstream part of the call.
 */
export function probePlugin(probes: Probes): Plugin {
  return {
    name: 'gateway',
    setup(context) {
      context.wrap('complete', attach<'complete'>(probes), { order: 'pre' });
      context.wrap('stream', attach<'stream'>(probes), { order: 'pre' });
      context.wrap('embed', attach<'embed'>(probes), { order: 'pre' });
      context.wrap('complete', timeCall<'complete'>(), { order: 'post' });
      context.wrap('embed', timeCall<'embed'>(), { order: 'post' });
      context.wrap('stream', timeStream, { order: 'post' });
    },
  };
}
