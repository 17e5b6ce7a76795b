import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `metricsPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_METRICS_INVALID_ARGUMENT`; the message names the option and what was expected.
 */
export class MetricsPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_METRICS_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_METRICS_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.prefix`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    const problem = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_METRICS_INVALID_ARGUMENT', `metricsPlugin(): ${problem}`);
  }
}
