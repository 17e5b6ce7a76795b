import type { Counter, HistogramMetric, Labels, Metrics } from '@hotpath/profiler';
import type { CallContext, Usage } from '@hotpath/protocol';

/** How a call ended. `cancelled`: the caller stopped reading a stream before its end. */
export type CallOutcome = 'ok' | 'error' | 'cancelled';

/** The instruments the middleware records into, created once per plugin. */
export interface CallInstruments {
  readonly requests: Counter;
  readonly duration: HistogramMetric;
  readonly ttft: HistogramMetric;
  readonly tokensPerSecond: HistogramMetric;
  readonly tokens: Counter;
  readonly errors: Counter;
}

/** Registers the call metrics under `prefix` (for example `hotpath_llm`). */
export function callInstruments(metrics: Metrics, prefix: string): CallInstruments {
  return {
    requests: metrics.counter(`${prefix}_requests_total`, {
      help: 'LLM calls through the host, by call, model, outcome and cache status.',
    }),
    duration: metrics.histogram(`${prefix}_request_duration_seconds`, {
      help: 'Latency of LLM calls through the host (streams: until the last delta).',
    }),
    ttft: metrics.histogram(`${prefix}_time_to_first_token_seconds`, {
      help: 'Time from the call to the first streamed delta.',
    }),
    tokensPerSecond: metrics.histogram(`${prefix}_output_tokens_per_second`, {
      help: 'Output tokens per second of a stream, from its first delta to its last.',
    }),
    tokens: metrics.counter(`${prefix}_tokens_total`, {
      help: 'Tokens billed, by model and type (input, output, cached_input, reasoning).',
    }),
    errors: metrics.counter(`${prefix}_errors_total`, {
      help: 'Failed LLM calls, by call, model and error code.',
    }),
  };
}

/** The cache status a caching plugin left in `ctx.locals.cache`, or `none`. */
export function cacheStatus(context: CallContext): string {
  const status = context.locals.cache;
  return typeof status === 'string' ? status : 'none';
}

/** An error's stable `code` when it has one, else its class name. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

/** Adds one call's token usage to the `tokens` counter. */
export function recordUsage(instruments: CallInstruments, model: string, usage: Usage): void {
  const { tokens } = instruments;
  tokens.add(usage.inputTokens, { model, type: 'input' });
  tokens.add(usage.outputTokens, { model, type: 'output' });
  if (usage.cachedInputTokens) tokens.add(usage.cachedInputTokens, { model, type: 'cached_input' });
  if (usage.reasoningTokens) tokens.add(usage.reasoningTokens, { model, type: 'reasoning' });
}

/** Records one finished call: count, latency, and the error code when it failed. */
export function recordCall(
  instruments: CallInstruments,
  labels: Labels & { readonly call: string; readonly model: string },
  seconds: number,
  error?: unknown,
): void {
  instruments.requests.inc(labels);
  instruments.duration.observe(seconds, labels);
  if (labels.outcome === 'error') {
    instruments.errors.inc({ call: labels.call, model: labels.model, code: errorCode(error) });
  }
}
