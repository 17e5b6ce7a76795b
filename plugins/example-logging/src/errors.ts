import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `loggingPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`; the message names the option.
 */
export class LoggingPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.sink`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    const problem = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT', `loggingPlugin(): ${problem}`);
  }
}
