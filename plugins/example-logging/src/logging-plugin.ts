import { performance } from 'node:perf_hooks';
// Reading another plugin's typed per-call local: import its types, which declare the key
// (`ctx.locals.cache`, a `CacheStatus`). Type-only, so nothing of it is loaded at run time.
import type {} from '@hotpath/plugin-cache';
import {
  type CallContext,
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Middleware,
  type Plugin,
  type StreamDelta,
  type Usage,
} from '@hotpath/protocol';
import { type CallRecord, errorName, jsonLineSink, type LogSink } from './call-record.ts';
import { LoggingPluginArgumentError } from './errors.ts';

/** The `call-log` service: write to the same sink from another plugin. */
export interface CallLog {
  /** Writes one record to the sink (adding the plugin's `fields`). */
  write(record: CallRecord): void;
  /** Records written so far. */
  readonly written: number;
}

declare module '@hotpath/protocol' {
  interface Services {
    /** Provided by `@hotpath/plugin-example-logging`. */
    'call-log': CallLog;
  }
}

/** Options of {@link loggingPlugin}. */
export interface LoggingPluginOptions {
  /** Where records go. @default one JSON line per call on standard error */
  readonly sink?: LogSink;
  /** Constant fields added to every record, for example `{ service: 'chat-api' }`. */
  readonly fields?: { readonly [key: string]: string };
}

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Written by `@hotpath/plugin-example-logging`'s `post` middleware: ms spent in the provider. */
    loggingUpstreamMs?: number;
  }
}

function callLog(options: LoggingPluginOptions): CallLog {
  const sink = options.sink ?? jsonLineSink;
  const fields = options.fields;
  let written = 0;
  return {
    write(record) {
      written++;
      try {
        sink(fields ? { ...record, fields } : record);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        process.emitWarning(`loggingPlugin(): the log sink threw, record dropped: ${reason}`);
      }
    },
    get written() {
      return written;
    },
  };
}

function details(context: CallContext, usage: Usage | undefined, error: unknown) {
  const { loggingUpstreamMs: upstreamMs, cache } = context.locals;
  return {
    ...(upstreamMs === undefined ? {} : { upstreamMs }),
    ...(usage ? { usage } : {}),
    ...(cache === undefined ? {} : { cache }),
    ...(error === undefined ? {} : { error: errorName(error) }),
  };
}

/** `pre`: outermost, so it sees the whole call, including other plugins' work and their locals. */
function logComplete(log: CallLog): Middleware<'complete'> {
  return (next) => async (request, context) => {
    const started = performance.now();
    const write = (outcome: 'ok' | 'error', usage?: Usage, error?: unknown) =>
      log.write({
        call: 'complete',
        model: request.model,
        outcome,
        durationMs: performance.now() - started,
        ...details(context, usage, error),
      });
    try {
      const result = await next(request, context);
      write('ok', result.usage);
      return result;
    } catch (error) {
      write('error', undefined, error);
      throw error;
    }
  };
}

function logStream(log: CallLog): Middleware<'stream'> {
  return (next) =>
    async function* (request, context) {
      const started = performance.now();
      let usage: Usage | undefined;
      let failure: unknown;
      try {
        for await (const delta of next(request, context)) {
          if (delta.type === 'usage') usage = delta.usage;
          yield delta;
        }
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        log.write({
          call: 'stream',
          model: request.model,
          outcome: failure === undefined ? 'ok' : 'error',
          durationMs: performance.now() - started,
          ...details(context, usage, failure),
        });
      }
    };
}

/** `post`: innermost, right above the provider, so it times only the upstream call. */
const timeUpstream: Middleware<'complete'> = (next) => async (request, context) => {
  const started = performance.now();
  try {
    return await next(request, context);
  } finally {
    context.locals.loggingUpstreamMs = performance.now() - started;
  }
};

const timeUpstreamStream: Middleware<'stream'> = (next) =>
  async function* (request, context): AsyncGenerator<StreamDelta> {
    const started = performance.now();
    try {
      yield* next(request, context);
    } finally {
      context.locals.loggingUpstreamMs = performance.now() - started;
    }
  };

function checkOptions(options: LoggingPluginOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new LoggingPluginArgumentError('options', 'an object');
  }
  if (options.sink !== undefined && typeof options.sink !== 'function') {
    throw new LoggingPluginArgumentError('options.sink', 'a function');
  }
}

const OPTIONS: KnownKeys = knownKeys<LoggingPluginOptions>({
  sink: true,
  fields: true,
});

/**
 * Logs every `complete` and `stream` call through the host: model, outcome, total latency, time
 * in the provider, token usage and cache status. A `pre` middleware writes the record; a `post`
 * middleware times the upstream call and hands the figure over in the typed local
 * `ctx.locals.loggingUpstreamMs`; the cache status is `@hotpath/plugin-cache`'s `ctx.locals.cache`. Provides the
 * `call-log` service so other plugins write to the same sink.
 *
 * @example
 * ```ts
 * const host = createHost({ plugins: [loggingPlugin({ sink: (r) => pino.info(r, 'llm call') })], provider });
 * ```
 */

export function loggingPlugin(options: LoggingPluginOptions = {}): Plugin {
  checkOptions(options);
  checkKnownKeys(options, OPTIONS, 'options', (m) => new LoggingPluginArgumentError(m));
  return {
    name: 'example-logging',
    setup(context) {
      const log = callLog(options);
      context.provide('call-log', log);
      context.wrap('complete', logComplete(log), { order: 'pre' });
      context.wrap('stream', logStream(log), { order: 'pre' });
      context.wrap('complete', timeUpstream, { order: 'post' });
      context.wrap('stream', timeUpstreamStream, { order: 'post' });
    },
  };
}
