/**
 * Bad options given to `memoryPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT`; the message names the option and what was expected.
 * (Options it passes on to `watch()` are checked there, and fail the plugin's setup.)
 */
export class MemoryPluginArgumentError extends TypeError {
  /** Always `HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT`. */
  readonly code: 'HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT' =
    'HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.onLeak`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super(`memoryPlugin(): ${argument} must be ${expected}.`);
    this.name = 'MemoryPluginArgumentError';
  }
}
