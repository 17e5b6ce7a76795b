import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `metricsPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_METRICS_INVALID_ARGUMENT`; the message names the option and what was expected.
 */
export class MetricsPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_METRICS_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_METRICS_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.prefix`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super('HOTPATH_METRICS_INVALID_ARGUMENT', `metricsPlugin(): ${argument} must be ${expected}.`);
  }
}
