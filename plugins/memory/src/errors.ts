import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `memoryPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT`; the message names the option and what was expected.
 * (Options it passes on to `watch()` are checked there, and fail the plugin's setup.)
 */
export class MemoryPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.onLeak`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    super(
      'HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT',
      `memoryPlugin(): ${expected === undefined ? argument : `${argument} must be ${expected}.`}`,
    );
  }
}
