import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ProfilerArgumentError } from './errors.ts';
import { forEachField, isPlainObject } from './internal/message-fields.ts';
import { LastLabels, MessageLabels } from './internal/message-labels.ts';
import { toMetricName } from './internal/names.ts';
import { checkKeys, DIAGNOSTICS_OPTIONS } from './internal/option-keys.ts';
import type { Labels } from './metric-family.ts';
import type { Counter, HistogramMetric, HitRate, Metrics } from './metrics.ts';

/**
 * The hotpath channels subscribed to by default: exactly the `hotpath:*` channels the hotpath
 * packages publish. Node has no wildcard subscription, so the list names each one. The names are
 * owned by the publishing packages (`CACHE_CHANNELS`, `EXECUTOR_CHANNELS`, `POOL_CHANNELS`,
 * `STREAM_CHANNELS` …); the profiler sits in the same layer as most of them and may not import
 * them, so a contract test that scans the repository keeps this list and the published set equal.
 * Add other channels with `options.channels` or `collector.add()`.
 */
export const DEFAULT_CHANNELS: readonly string[] = [
  // @hotpath/cache
  'hotpath:cache:hit',
  'hotpath:cache:miss',
  'hotpath:cache:set',
  'hotpath:cache:delete',
  'hotpath:cache:stale',
  'hotpath:cache:error',
  'hotpath:cache:invalidate',
  'hotpath:cache:factory',
  // @hotpath/executor
  'hotpath:executor:batch',
  'hotpath:executor:graph-task',
  'hotpath:executor:rate-limit-wait',
  // @hotpath/pool
  'hotpath:pool:create-error',
  'hotpath:pool:stale-retry',
  // @hotpath/stream
  'hotpath:stream:start',
  'hotpath:stream:first-token',
  'hotpath:stream:end',
  // @hotpath/tokens
  'hotpath:tokens:task',
  'hotpath:tokens:worker-crash',
  // @hotpath/memory
  'hotpath:memory:leak',
  'hotpath:memory:heap-snapshot',
  // @hotpath/bench
  'hotpath:bench:benchmark',
  // @hotpath/simulator
  'hotpath:simulator:request',
  // @hotpath/provider-kit
  'hotpath:provider:request',
  // @hotpath/gateway
  'hotpath:gateway:response',
  // @hotpath/plugin-rate-limit
  'hotpath:plugin-rate-limit:rate-limited',
  'hotpath:plugin-rate-limit:update-failed',
];

/** Channel pairs counted as one hit rate: `[hit channel, miss channel, metric name]`. */
export const DEFAULT_HIT_RATES: readonly (readonly [hit: string, miss: string, name: string])[] = [
  ['hotpath:cache:hit', 'hotpath:cache:miss', 'hotpath_cache'],
];

/** Message fields never turned into labels: identifiers and free text have unbounded cardinality. */
export const DEFAULT_IGNORED_FIELDS: readonly string[] = [
  'key',
  'id',
  'requestId',
  'traceId',
  'message',
  'prompt',
  'url',
];

/** Options of {@link collectDiagnostics}. */
export interface CollectDiagnosticsOptions {
  /** Channels to subscribe to. @default DEFAULT_CHANNELS */
  readonly channels?: readonly string[];
  /** Hit/miss channel pairs that feed a hit-rate metric instead of two counters. @default DEFAULT_HIT_RATES */
  readonly hitRates?: readonly (readonly [hit: string, miss: string, name: string])[];
  /** String fields that never become labels. @default DEFAULT_IGNORED_FIELDS */
  readonly ignoreFields?: readonly string[];
}

/** What {@link collectDiagnostics} returns. */
export interface DiagnosticsCollector {
  /** Subscribes to one more channel (no effect if already subscribed). */
  add(channel: string): void;
  /** Channels currently subscribed to. */
  channels(): string[];
  /** Unsubscribes from every channel. */
  close(): void;
  [Symbol.dispose](): void;
}

type Handler = (message: unknown, name: string | symbol) => void;

class Collector implements DiagnosticsCollector {
  readonly #metrics: Metrics;
  readonly #handlers = new Map<string, Handler>();
  readonly #hitRates: Map<string, { name: string; help: string; hit: boolean }>;
  readonly #labels: MessageLabels;

  constructor(metrics: Metrics, options: CollectDiagnosticsOptions) {
    this.#metrics = metrics;
    this.#labels = new MessageLabels(new Set(options.ignoreFields ?? DEFAULT_IGNORED_FIELDS));
    this.#hitRates = new Map();
    for (const [hit, miss, name] of options.hitRates ?? DEFAULT_HIT_RATES) {
      const help = `${hit} and ${miss} events`;
      this.#hitRates.set(hit, { name, help, hit: true });
      this.#hitRates.set(miss, { name, help, hit: false });
    }
    for (const channel of options.channels ?? DEFAULT_CHANNELS) this.add(channel);
  }

  add(channel: string): void {
    if (typeof channel !== 'string' || channel === '') {
      throw new ProfilerArgumentError('channel', 'a non-empty channel name', channel);
    }
    if (this.#handlers.has(channel)) return;
    const handler = this.#handlerFor(channel);
    this.#handlers.set(channel, handler);
    subscribe(channel, handler);
  }

  channels(): string[] {
    return [...this.#handlers.keys()];
  }

  close(): void {
    for (const [channel, handler] of this.#handlers) unsubscribe(channel, handler);
    this.#handlers.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #handlerFor(channel: string): Handler {
    const base = toMetricName(channel);
    const pair = this.#hitRates.get(channel);
    const timings = new Map<string, HistogramMetric>();
    let counter: Counter | undefined;
    let rate: HitRate | undefined;
    const timing = (field: string): HistogramMetric => {
      let histogram = timings.get(field);
      if (histogram === undefined) {
        const name = `${base}_${snakeCase(field.slice(0, -2))}_seconds`;
        histogram = this.#metrics.histogram(name, { help: `${channel}: ${field} in seconds` });
        timings.set(field, histogram);
      }
      return histogram;
    };
    const last = new LastLabels();
    // One visitor per channel, reading the labels of the event being recorded: no closure per event.
    let current: Labels | undefined;
    const observe = (field: string, value: unknown): void => {
      if (isDuration(field, value)) timing(field).observe(value / 1000, current);
    };
    return (message) => {
      const plain = isPlainObject(message);
      const labels = plain ? this.#labels.of(message, last) : undefined;
      // Metrics are registered on first use, so idle channels add nothing to a scrape.
      if (pair === undefined) {
        counter ??= this.#metrics.counter(`${base}_total`, { help: `${channel} events` });
        counter.inc(labels);
      } else {
        rate ??= this.#metrics.hitRate(pair.name, { help: pair.help });
        if (pair.hit) rate.hit(labels);
        else rate.miss(labels);
      }
      if (!plain) return;
      current = labels;
      forEachField(message, observe);
    };
  }
}

function isDuration(field: string, value: unknown): value is number {
  return (
    field.endsWith('Ms') &&
    typeof value === 'number' &&
    value >= 0 &&
    value < Number.POSITIVE_INFINITY
  );
}

function snakeCase(field: string): string {
  return toMetricName(field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

/**
 * Turns diagnostics-channel events into metrics with no wiring code. For each
 * channel `hotpath:<package>:<event>` every message increments
 * `hotpath_<package>_<event>_total`, and each numeric field named `…Ms` (such
 * as `durationMs` or `ttftMs`) is observed in seconds by
 * `hotpath_<package>_<event>_<field>_seconds` (`_duration_seconds`, `_ttft_seconds`). The message's string
 * and boolean fields become labels (except `ignoreFields`), under the metrics'
 * cardinality guard. Fields of a plain object one level down count too, unless the message
 * names the same field itself (`hotpath:stream:end` carries `{ metrics: { provider, ttftMs … } }`).
 * Hit/miss pairs become one hit rate.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * using diagnostics = collectDiagnostics(metrics);
 * diagnostics.add('myapp:queue:drained');
 * ```
 */
export function collectDiagnostics(
  metrics: Metrics,
  options: CollectDiagnosticsOptions = {},
): DiagnosticsCollector {
  checkKeys('options', options, DIAGNOSTICS_OPTIONS);
  return new Collector(metrics, options);
}
