/**
 * Bad options given to `metricsPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_METRICS_INVALID_ARGUMENT`; the message names the option and what was expected.
 */
export class MetricsPluginArgumentError extends TypeError {
  /** Always `HOTPATH_METRICS_INVALID_ARGUMENT`. */
  readonly code: 'HOTPATH_METRICS_INVALID_ARGUMENT' = 'HOTPATH_METRICS_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.prefix`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super(`metricsPlugin(): ${argument} must be ${expected}.`);
    this.name = 'MetricsPluginArgumentError';
  }
}
