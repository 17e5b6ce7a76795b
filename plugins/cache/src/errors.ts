import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `cachePlugin()`. A `TypeError` with the stable code
 * `HOTPATH_CACHE_PLUGIN_INVALID_ARGUMENT`; the message names the option.
 */
export class CachePluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_CACHE_PLUGIN_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_CACHE_PLUGIN_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.prices`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    super(
      'HOTPATH_CACHE_PLUGIN_INVALID_ARGUMENT',
      `cachePlugin(): ${expected === undefined ? argument : `${argument} must be ${expected}.`}`,
    );
  }
}
