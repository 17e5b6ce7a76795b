import { performance } from 'node:perf_hooks';
import type {
  CallContext,
  CompletionRequest,
  Middleware,
  StreamDelta,
  Usage,
} from '@hotpath/protocol';
import { type CallOutcome, cacheStatus, type SeriesCache } from './call-metrics.ts';

/** Times every completion and counts its tokens and errors. */
export function completeMiddleware(series: SeriesCache): Middleware<'complete'> {
  return (next) => (request, context) =>
    timed(
      series,
      'complete',
      request.model,
      context,
      () => next(request, context),
      (result) => series.recordUsage(request.model, result.usage),
    );
}

/** Times every embedding request and counts its input tokens and errors. */
export function embedMiddleware(series: SeriesCache): Middleware<'embed'> {
  return (next) => (request, context) =>
    timed(
      series,
      'embed',
      request.model,
      context,
      () => next(request, context),
      (result) => series.tokens(request.model).input.add(result.usage.inputTokens),
    );
}

/** Times every tool call by tool name (reported in the `model` label) and counts its errors. */
export function toolMiddleware(series: SeriesCache): Middleware<'tool'> {
  return (next) => (invocation, context) =>
    timed(series, 'tool', invocation.name, context, () => next(invocation, context));
}

/** Times every stream, its first delta and its output rate, and counts its tokens and errors. */
export function streamMiddleware(series: SeriesCache): Middleware<'stream'> {
  return (next) => (request, context) =>
    measuredStream(series, () => next(request, context), request, context);
}

/**
 * Runs one call and records its duration and outcome; `recordResult` records what the result
 * carries (usage) first. An error, thrown or rejected, is recorded and rethrown.
 */
async function timed<R>(
  series: SeriesCache,
  call: string,
  model: string,
  context: CallContext,
  run: () => R | PromiseLike<R>,
  recordResult?: (result: R) => void,
): Promise<R> {
  const started = performance.now();
  try {
    const result = await run();
    recordResult?.(result);
    finish(series, call, model, context, started, 'ok');
    return result;
  } catch (error) {
    finish(series, call, model, context, started, 'error', error);
    throw error;
  }
}

function finish(
  series: SeriesCache,
  call: string,
  model: string,
  context: CallContext,
  started: number,
  outcome: CallOutcome,
  error?: unknown,
): void {
  const seconds = (performance.now() - started) / 1000;
  series.recordCall(call, model, outcome, cacheStatus(context), seconds, error);
}

interface StreamProgress {
  firstAt: number | undefined;
  lastAt: number;
  textDeltas: number;
  usage: Usage | undefined;
}

function observe(progress: StreamProgress, delta: StreamDelta): void {
  const now = performance.now();
  progress.firstAt ??= now;
  progress.lastAt = now;
  if (delta.type === 'text') progress.textDeltas++;
  else if (delta.type === 'usage') progress.usage = delta.usage;
}

async function* measuredStream(
  series: SeriesCache,
  open: () => AsyncIterable<StreamDelta>,
  request: CompletionRequest,
  context: CallContext,
): AsyncGenerator<StreamDelta> {
  const started = performance.now();
  const progress: StreamProgress = {
    firstAt: undefined,
    lastAt: started,
    textDeltas: 0,
    usage: undefined,
  };
  let outcome: CallOutcome = 'cancelled';
  let failure: unknown;
  try {
    // Opened inside the try, so a handler that throws before its first delta counts as an error.
    for await (const delta of open()) {
      observe(progress, delta);
      yield delta;
    }
    outcome = 'ok';
  } catch (error) {
    outcome = 'error';
    failure = error;
    throw error;
  } finally {
    finish(series, 'stream', request.model, context, started, outcome, failure);
    recordStream(series, request.model, started, progress);
  }
}

function recordStream(
  series: SeriesCache,
  model: string,
  started: number,
  progress: StreamProgress,
): void {
  const { firstAt, lastAt, usage } = progress;
  if (firstAt === undefined) return;
  const { instruments } = series;
  instruments.ttft.observe((firstAt - started) / 1000, { model });
  if (usage) series.recordUsage(model, usage);
  const outputTokens = usage?.outputTokens ?? progress.textDeltas;
  const seconds = (lastAt - firstAt) / 1000;
  // A stream delivered in one burst has no measurable rate; skip it rather than record infinity.
  if (seconds > 0 && outputTokens > 0)
    instruments.tokensPerSecond.observe(outputTokens / seconds, { model });
}
