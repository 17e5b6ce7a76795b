import { HotpathArgumentError } from '@hotpath/protocol';

/**
 * Bad options given to `batchPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_BATCH_INVALID_ARGUMENT`; the message names the option.
 */
export class BatchPluginArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_BATCH_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_BATCH_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.maxBatchSize`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    const problem = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_BATCH_INVALID_ARGUMENT', `batchPlugin(): ${problem}`);
  }
}
