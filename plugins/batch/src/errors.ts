import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `batchPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_BATCH_INVALID_ARGUMENT`; the message names the option.
 */
export class BatchPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_BATCH_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_BATCH_INVALID_ARGUMENT';

  /**
   * @param argument - the option's name, for example `options.maxBatchSize`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string) {
    super('HOTPATH_BATCH_INVALID_ARGUMENT', `batchPlugin(): ${argument} must be ${expected}.`);
  }
}
