/**
 * Bad options given to `batchPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_BATCH_INVALID_ARGUMENT`; the message names the option.
 */
export class BatchPluginArgumentError extends TypeError {
  /** Always `HOTPATH_BATCH_INVALID_ARGUMENT`. */
  readonly code: 'HOTPATH_BATCH_INVALID_ARGUMENT' = 'HOTPATH_BATCH_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.maxBatchSize`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super(`batchPlugin(): ${argument} must be ${expected}.`);
    this.name = 'BatchPluginArgumentError';
  }
}
