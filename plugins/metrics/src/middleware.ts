import { performance } from 'node:perf_hooks';
import type {
  CallContext,
  CompletionRequest,
  Middleware,
  StreamDelta,
  Usage,
} from '@hotpath/protocol';
import {
  type CallInstruments,
  type CallOutcome,
  cacheStatus,
  recordCall,
  recordUsage,
} from './call-metrics.ts';

/** Times every completion and counts its tokens and errors. */
export function completeMiddleware(instruments: CallInstruments): Middleware<'complete'> {
  return (next) => async (request, context) => {
    const started = performance.now();
    try {
      const result = await next(request, context);
      finish(instruments, 'complete', request.model, context, started, 'ok');
      recordUsage(instruments, request.model, result.usage);
      return result;
    } catch (error) {
      finish(instruments, 'complete', request.model, context, started, 'error', error);
      throw error;
    }
  };
}

/** Times every embedding request and counts its input tokens and errors. */
export function embedMiddleware(instruments: CallInstruments): Middleware<'embed'> {
  return (next) => async (request, context) => {
    const started = performance.now();
    try {
      const result = await next(request, context);
      finish(instruments, 'embed', request.model, context, started, 'ok');
      instruments.tokens.add(result.usage.inputTokens, { model: request.model, type: 'input' });
      return result;
    } catch (error) {
      finish(instruments, 'embed', request.model, context, started, 'error', error);
      throw error;
    }
  };
}

/** Times every tool call by tool name (reported in the `model` label) and counts its errors. */
export function toolMiddleware(instruments: CallInstruments): Middleware<'tool'> {
  return (next) => async (invocation, context) => {
    const started = performance.now();
    try {
      const result = await next(invocation, context);
      finish(instruments, 'tool', invocation.name, context, started, 'ok');
      return result;
    } catch (error) {
      finish(instruments, 'tool', invocation.name, context, started, 'error', error);
      throw error;
    }
  };
}

/** Times every stream, its first delta and its output rate, and counts its tokens and errors. */
export function streamMiddleware(instruments: CallInstruments): Middleware<'stream'> {
  return (next) => (request, context) =>
    measuredStream(instruments, next(request, context), request, context);
}

function finish(
  instruments: CallInstruments,
  call: string,
  model: string,
  context: CallContext,
  started: number,
  outcome: CallOutcome,
  error?: unknown,
): void {
  const labels = { call, model, outcome, cache: cacheStatus(context) };
  recordCall(instruments, labels, (performance.now() - started) / 1000, error);
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
  instruments: CallInstruments,
  deltas: AsyncIterable<StreamDelta>,
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
    for await (const delta of deltas) {
      observe(progress, delta);
      yield delta;
    }
    outcome = 'ok';
  } catch (error) {
    outcome = 'error';
    failure = error;
    throw error;
  } finally {
    finish(instruments, 'stream', request.model, context, started, outcome, failure);
    recordStream(instruments, request.model, started, progress);
  }
}

function recordStream(
  instruments: CallInstruments,
  model: string,
  started: number,
  progress: StreamProgress,
): void {
  const { firstAt, lastAt, usage } = progress;
  if (firstAt === undefined) return;
  instruments.ttft.observe((firstAt - started) / 1000, { model });
  if (usage) recordUsage(instruments, model, usage);
  const outputTokens = usage?.outputTokens ?? progress.textDeltas;
  const seconds = (lastAt - firstAt) / 1000;
  // A stream delivered in one burst has no measurable rate; skip it rather than record infinity.
  if (seconds > 0 && outputTokens > 0)
    instruments.tokensPerSecond.observe(outputTokens / seconds, { model });
}
