import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `loggingPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`; the message names the option.
 */
export class LoggingPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.sink`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super(
      'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT',
      `loggingPlugin(): ${argument} must be ${expected}.`,
    );
  }
}
