// `ctx.locals.cache` is `@hotpath/plugin-cache`'s typed local; its types declare the key.
import type {} from '@hotpath/plugin-cache';
import type { BoundCounter, Counter, Histogram, HistogramMetric, Metrics } from '@hotpath/profiler';
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

/** The cache status `@hotpath/plugin-cache` left in `ctx.locals.cache`, or `none`. */
export function cacheStatus(context: CallContext): string {
  return context.locals.cache ?? 'none';
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

interface CallSeries {
  readonly requests: BoundCounter;
  readonly duration: Histogram;
}

interface TokenSeries {
  readonly input: BoundCounter;
  readonly output: BoundCounter;
  readonly cachedInput: BoundCounter;
  readonly reasoning: BoundCounter;
}

// Bound series kept per label combination; past this many the cache starts over (the metrics'
// own cardinality guard still caps what is exported).
const MAX_CACHED = 1000;

/**
 * Binds each label combination's series once (`with(labels)`), so a call records with two array
 * increments instead of computing a label key per metric per call.
 */
export class SeriesCache {
  readonly #instruments: CallInstruments;
  readonly #calls = new Map<string, CallSeries>();
  readonly #tokens = new Map<string, TokenSeries>();
  /** The last combination asked for and its series: a run of alike calls builds no key string. */
  #last:
    | { call: string; model: string; outcome: string; cache: string; series: CallSeries }
    | undefined;

  constructor(instruments: CallInstruments) {
    this.#instruments = instruments;
  }

  /** The series of one call/model/outcome/cache combination. */
  call(call: string, model: string, outcome: string, cache: string): CallSeries {
    const last = this.#last;
    if (
      last !== undefined &&
      last.call === call &&
      last.model === model &&
      last.outcome === outcome &&
      last.cache === cache
    )
      return last.series;
    const series = this.#bound(call, model, outcome, cache);
    this.#last = { call, model, outcome, cache, series };
    return series;
  }

  #bound(call: string, model: string, outcome: string, cache: string): CallSeries {
    const key = `${call}\u0000${model}\u0000${outcome}\u0000${cache}`;
    let series = this.#calls.get(key);
    if (series === undefined) {
      if (this.#calls.size >= MAX_CACHED) this.#calls.clear();
      const labels = { call, model, outcome, cache };
      const { requests, duration } = this.#instruments;
      series = { requests: requests.with(labels), duration: duration.with(labels) };
      this.#calls.set(key, series);
    }
    return series;
  }

  /** The token counters of one model. */
  tokens(model: string): TokenSeries {
    let series = this.#tokens.get(model);
    if (series === undefined) {
      if (this.#tokens.size >= MAX_CACHED) this.#tokens.clear();
      const bind = (type: string) => this.#instruments.tokens.with({ model, type });
      series = {
        input: bind('input'),
        output: bind('output'),
        cachedInput: bind('cached_input'),
        reasoning: bind('reasoning'),
      };
      this.#tokens.set(model, series);
    }
    return series;
  }

  /** The instruments the series belong to. */
  get instruments(): CallInstruments {
    return this.#instruments;
  }

  /** Forgets every bound series (after the collector's series were dropped). */
  clear(): void {
    this.#last = undefined;
    this.#calls.clear();
    this.#tokens.clear();
  }

  /** Adds one call's token usage. */
  recordUsage(model: string, usage: Usage): void {
    const tokens = this.tokens(model);
    tokens.input.add(usage.inputTokens);
    tokens.output.add(usage.outputTokens);
    if (usage.cachedInputTokens) tokens.cachedInput.add(usage.cachedInputTokens);
    if (usage.reasoningTokens) tokens.reasoning.add(usage.reasoningTokens);
  }

  /** Records one finished call: count, latency, and the error code when it failed. */
  recordCall(
    call: string,
    model: string,
    outcome: CallOutcome,
    cache: string,
    seconds: number,
    error?: unknown,
  ): void {
    const series = this.call(call, model, outcome, cache);
    series.requests.inc();
    series.duration.record(seconds);
    if (outcome === 'error') {
      this.#instruments.errors.inc({ call, model, code: errorCode(error) });
    }
  }
}
