import { OpenTelemetryMissingError } from './errors.ts';
import { checkKeys, OTEL_OPTIONS } from './internal/option-keys.ts';
import {
  collectAll,
  isDistributionFamily,
  type MetricFamily,
  type MetricSource,
} from './metric-family.ts';

/** The part of an OpenTelemetry `BatchObservableResult` the export uses. */
export interface OtelBatchResult {
  /** Reports `value` for `observable` with `attributes`. */
  observe(observable: OtelObservable, value: number, attributes?: Record<string, string>): void;
}

/** An OpenTelemetry observable instrument (opaque here). */
export type OtelObservable = object;

/** The part of an OpenTelemetry `Meter` (from `@opentelemetry/api`) the export uses. */
export interface OtelMeter {
  /** Creates a monotonic observable counter. */
  createObservableCounter(name: string, options?: { description?: string }): OtelObservable;
  /** Creates an observable gauge. */
  createObservableGauge(name: string, options?: { description?: string }): OtelObservable;
  /** Registers one callback that observes several instruments per collection. */
  addBatchObservableCallback(
    callback: (result: OtelBatchResult) => void,
    observables: OtelObservable[],
  ): void;
  /** Unregisters a callback added with `addBatchObservableCallback`. */
  removeBatchObservableCallback(
    callback: (result: OtelBatchResult) => void,
    observables: OtelObservable[],
  ): void;
}

/** Options of {@link exportToOpenTelemetry}. */
export interface OpenTelemetryExportOptions {
  /** The meter to register instruments on. @default metrics.getMeter('@hotpath/profiler') from @opentelemetry/api */
  readonly meter?: OtelMeter;
}

/** What {@link exportToOpenTelemetry} resolves to. */
export interface OpenTelemetryExport {
  /**
   * Creates instruments for families that appeared since the last sync. Done on its own after
   * each collection that met a new family; call it when the sources had no family at all when
   * the export started (the meter then has no callback to run).
   */
  sync(): void;
  /** Unregisters the callback; the instruments stop reporting. */
  close(): void;
  [Symbol.dispose](): void;
}

type Instruments =
  | { value: OtelObservable }
  | { quantiles: OtelObservable; count: OtelObservable; sum: OtelObservable };

class Exporter implements OpenTelemetryExport {
  readonly #meter: OtelMeter;
  readonly #sources: MetricSource | readonly MetricSource[];
  readonly #instruments = new Map<string, Instruments>();
  readonly #callback = (result: OtelBatchResult): void => this.#observe(result);
  #observables: OtelObservable[] = [];
  #closed = false;

  constructor(meter: OtelMeter, sources: MetricSource | readonly MetricSource[]) {
    this.#meter = meter;
    this.#sources = sources;
    this.sync();
  }

  sync(): void {
    if (this.#closed) return;
    const before = this.#instruments.size;
    for (const family of collectAll(this.#sources)) {
      if (!this.#instruments.has(family.name))
        this.#instruments.set(family.name, this.#create(family));
    }
    if (this.#instruments.size === before) return;
    if (this.#observables.length > 0) {
      this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
    }
    this.#observables = [...this.#instruments.values()].flatMap((i) => Object.values(i));
    this.#meter.addBatchObservableCallback(this.#callback, this.#observables);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#observables.length > 0) {
      this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #create(family: MetricFamily): Instruments {
    const description = family.help;
    if (family.type === 'counter')
      return { value: this.#meter.createObservableCounter(family.name, { description }) };
    if (family.type === 'gauge')
      return { value: this.#meter.createObservableGauge(family.name, { description }) };
    return {
      quantiles: this.#meter.createObservableGauge(family.name, {
        description: `${description} (quantiles)`,
      }),
      count: this.#meter.createObservableCounter(`${family.name}_count`, {
        description: `${description} (count)`,
      }),
      sum: this.#meter.createObservableCounter(`${family.name}_sum`, {
        description: `${description} (sum)`,
      }),
    };
  }

  #observe(result: OtelBatchResult): void {
    let unknown = false;
    for (const family of collectAll(this.#sources)) {
      const instruments = this.#instruments.get(family.name);
      if (instruments === undefined) unknown = true;
      else observeFamily(result, family, instruments);
    }
    // Instruments cannot be added mid-collection: register new families for the next one.
    if (unknown) setImmediate(() => this.sync()).unref();
  }
}

function observeFamily(
  result: OtelBatchResult,
  family: MetricFamily,
  instruments: Instruments,
): void {
  if (!isDistributionFamily(family)) {
    if ('value' in instruments)
      for (const s of family.samples) result.observe(instruments.value, s.value, { ...s.labels });
    return;
  }
  if ('value' in instruments) return;
  for (const sample of family.samples) {
    for (const [q, value] of sample.quantiles) {
      result.observe(instruments.quantiles, value, { ...sample.labels, quantile: String(q) });
    }
    result.observe(instruments.count, sample.count, { ...sample.labels });
    result.observe(instruments.sum, sample.sum, { ...sample.labels });
  }
}

/**
 * Reports the sources through OpenTelemetry observable instruments: counters
 * as observable counters, gauges as observable gauges, and each summary or
 * histogram as an observable gauge with a `quantile` attribute plus `_count`
 * and `_sum` observable counters. Labels become attributes. Uses the optional
 * peer dependency `@opentelemetry/api` (imported on first use) unless a meter is given.
 *
 * @throws {OpenTelemetryMissingError} when no meter is given and `@opentelemetry/api` is not installed
 * @example
 * ```ts
 * using otel = await exportToOpenTelemetry([profiler, metrics]);
 * ```
 */
export async function exportToOpenTelemetry(
  sources: MetricSource | readonly MetricSource[],
  options: OpenTelemetryExportOptions = {},
): Promise<OpenTelemetryExport> {
  checkKeys('options', options, OTEL_OPTIONS);
  return new Exporter(options.meter ?? (await defaultMeter()), sources);
}

async function defaultMeter(): Promise<OtelMeter> {
  try {
    const api = await import('@opentelemetry/api');
    return api.metrics.getMeter('@hotpath/profiler');
  } catch (error) {
    throw new OpenTelemetryMissingError({ cause: error });
  }
}
