import {
  argumentMessage,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
} from '@hotpath/protocol';

/**
 * Bad input at the boundary of `@hotpath/profiler` (a negative or non-finite
 * value, an invalid metric or label name, an option out of range). It is a
 * `TypeError` so callers can treat it like any argument error, and carries the
 * stable code `HOTPATH_PROFILER_INVALID_ARGUMENT`.
 */
export class ProfilerArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_PROFILER_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_PROFILER_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the argument's name, for example `value` or `options.lowest`
   * @param expected - what was expected, for example `a finite number >= 0`
   * @param received - the value that was passed
   */
  constructor(argument: string, expected: string, received: unknown);
  constructor(
    ...args: [message: string] | [argument: string, expected: string, received: unknown]
  ) {
    super(
      'HOTPATH_PROFILER_INVALID_ARGUMENT',
      args.length === 1 ? args[0] : argumentMessage(...args),
    );
  }
}

/**
 * A metric name was registered twice with different types (for example a
 * counter and a gauge both named `requests`). Code `HOTPATH_PROFILER_METRIC_CONFLICT`.
 */
export class MetricConflictError extends HotpathError {
  /**
   * @param name - the metric name
   * @param existing - the type it was first registered with
   * @param requested - the type asked for now
   */
  constructor(name: string, existing: string, requested: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_PROFILER_METRIC_CONFLICT',
      `Metric "${name}" is already registered as a ${existing}, not a ${requested}: pick another name or reuse the ${existing}.`,
      options,
    );
  }
}

/**
 * The OpenTelemetry export needs the optional peer dependency
 * `@opentelemetry/api`, which could not be imported. Code `HOTPATH_PROFILER_OTEL_MISSING`.
 */
export class OpenTelemetryMissingError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_PROFILER_OTEL_MISSING',
      'Could not import @opentelemetry/api: install it (npm install @opentelemetry/api) or pass a meter.',
      options,
    );
  }
}
