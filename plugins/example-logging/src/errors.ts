/**
 * Bad options given to `loggingPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`; the message names the option.
 */
export class LoggingPluginArgumentError extends TypeError {
  /** Always `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`. */
  readonly code: 'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT' =
    'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.sink`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super(`loggingPlugin(): ${argument} must be ${expected}.`);
    this.name = 'LoggingPluginArgumentError';
  }
}
