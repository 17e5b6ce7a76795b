import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ProfilerArgumentError } from './errors.ts';
import { isLabelName, toMetricName } from './internal/names.ts';
import type { Counter, HistogramMetric, HitRate, Metrics } from './metrics.ts';

/**
 * The hotpath channels subscribed to by default. Node has no wildcard
 * subscription, so this list names every channel the hotpath packages publish;
 * add others with `options.channels` or `collector.add()`.
 */
export const DEFAULT_CHANNELS: readonly string[] = [
  'hotpath:cache:hit',
  'hotpath:cache:miss',
  'hotpath:cache:set',
  'hotpath:cache:stale',
  'hotpath:cache:evict',
  'hotpath:cache:error',
  'hotpath:executor:task',
  'hotpath:executor:retry',
  'hotpath:executor:timeout',
  'hotpath:executor:rejected',
  'hotpath:executor:error',
  'hotpath:stream:metrics',
  'hotpath:pool:acquire',
  'hotpath:pool:release',
  'hotpath:pool:connect',
  'hotpath:pool:timeout',
  'hotpath:pool:error',
  'hotpath:host:request',
  'hotpath:host:error',
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
  readonly #ignored: ReadonlySet<string>;

  constructor(metrics: Metrics, options: CollectDiagnosticsOptions) {
    this.#metrics = metrics;
    this.#ignored = new Set(options.ignoreFields ?? DEFAULT_IGNORED_FIELDS);
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
    return (message) => {
      const labels = this.#labelsOf(message);
      // Metrics are registered on first use, so idle channels add nothing to a scrape.
      if (pair === undefined) {
        counter ??= this.#metrics.counter(`${base}_total`, { help: `${channel} events` });
        counter.inc(labels);
      } else {
        rate ??= this.#metrics.hitRate(pair.name, { help: pair.help });
        if (pair.hit) rate.hit(labels);
        else rate.miss(labels);
      }
      if (typeof message !== 'object' || message === null) return;
      for (const [field, value] of Object.entries(message)) {
        if (!field.endsWith('Ms') || typeof value !== 'number') continue;
        if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) continue;
        let timing = timings.get(field);
        if (timing === undefined) {
          const name = `${base}_${snakeCase(field.slice(0, -2))}_seconds`;
          timing = this.#metrics.histogram(name, { help: `${channel}: ${field} in seconds` });
          timings.set(field, timing);
        }
        timing.observe(value / 1000, labels);
      }
    };
  }

  #labelsOf(message: unknown): Record<string, string> | undefined {
    if (typeof message !== 'object' || message === null) return undefined;
    let labels: Record<string, string> | undefined;
    for (const [field, value] of Object.entries(message)) {
      if (typeof value !== 'string' && typeof value !== 'boolean') continue;
      if (this.#ignored.has(field) || !isLabelName(field)) continue;
      labels ??= {};
      labels[field] = String(value);
    }
    return labels;
  }
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
 * cardinality guard. Hit/miss pairs become one hit rate.
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
  return new Collector(metrics, options);
}
