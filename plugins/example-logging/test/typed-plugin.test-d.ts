import { createHost } from '@hotpath/host';
import type { CacheStatus } from '@hotpath/plugin-cache';
import { type MetricsService, metricsPlugin } from '@hotpath/plugin-metrics';
import type {
  CallContext,
  CompletionRequest,
  CompletionResult,
  Middleware,
  Plugin,
  StreamDelta,
} from '@hotpath/protocol';
import { expectTypeOf, test } from 'vitest';
import { type CallLog, type CallRecord, loggingPlugin } from '../src/index.ts';

test('services declared by plugins are typed end to end', () => {
  const host = createHost({ plugins: [loggingPlugin(), metricsPlugin()] });
  expectTypeOf(host.service('call-log')).toEqualTypeOf<CallLog>();
  expectTypeOf(host.service('metrics')).toEqualTypeOf<MetricsService>();
  expectTypeOf(host.service('metrics').prometheus).returns.toBeString();
  // @ts-expect-error no plugin declared this service
  host.service('not-a-service');

  const consumer: Plugin = {
    name: 'consumer',
    dependencies: ['example-logging'],
    optionalDependencies: ['metrics'],
    setup(context) {
      expectTypeOf(context.use('call-log').write).parameter(0).toEqualTypeOf<CallRecord>();
      expectTypeOf(context.tryUse('metrics')).toEqualTypeOf<MetricsService | undefined>();
      // @ts-expect-error a provided service must match its declared type
      context.provide('call-log', { write: (line: string) => line });
    },
  };
  expectTypeOf(consumer).toExtend<Plugin>();
});

test('middleware sees the request, the per-call context and the result of the call it wraps', () => {
  const complete: Middleware<'complete'> = (next) => async (request, context) => {
    expectTypeOf(request).toEqualTypeOf<CompletionRequest>();
    expectTypeOf(context).toEqualTypeOf<CallContext>();
    // Typed per-call locals: declared by the plugins that write them.
    expectTypeOf(context.locals.cache).toEqualTypeOf<CacheStatus | undefined>();
    expectTypeOf(context.locals.loggingUpstreamMs).toEqualTypeOf<number | undefined>();
    // @ts-expect-error no plugin declared this local
    context.locals.notDeclared = 1;
    // @ts-expect-error a local holds the type its writer declared
    context.locals.cache = 'stale';
    const result = await next(request, context);
    expectTypeOf(result).toEqualTypeOf<CompletionResult>();
    return result;
  };
  const stream: Middleware<'stream'> = (next) =>
    async function* (request, context) {
      for await (const delta of next(request, context)) {
        expectTypeOf(delta).toEqualTypeOf<StreamDelta>();
        yield delta;
      }
    };
  const plugin: Plugin = {
    name: 'typed',
    setup(context) {
      context.wrap('complete', complete, { order: 'pre' });
      context.wrap('stream', stream);
      // @ts-expect-error a stream middleware cannot wrap complete
      context.wrap('complete', stream);
      // @ts-expect-error orders are pre, normal or post
      context.wrap('complete', complete, { order: 'first' });
    },
  };
  expectTypeOf(plugin.setup).returns.toEqualTypeOf<void | Promise<void>>();
});
