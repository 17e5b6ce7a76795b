import {
  argumentMessage,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
} from '@hotpath/protocol';

/**
 * The command line was wrong: an unknown command or flag, a missing or malformed flag value.
 * `runCli` prints the message with a pointer to `--help` and exits with code 2.
 */
export class CliUsageError extends HotpathError {
  /**
   * @param message - what was wrong, for example `unknown command "dmeo"`
   * @param command - the command whose help to point at, when there is one
   */
  constructor(message: string, command?: string, options?: HotpathErrorOptions) {
    const help = command === undefined ? 'hotpath --help' : `hotpath ${command} --help`;
    super('HOTPATH_CLI_USAGE', `${message}. Run "${help}" for the usage.`, options);
  }
}

/**
 * A function of `@hotpath/cli` got a bad argument. A `TypeError` and a hotpath error
 * (`isHotpathError`) with the stable code `HOTPATH_CLI_INVALID_ARGUMENT`; the message names the
 * argument and what was expected.
 */
export class CliArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_CLI_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_CLI_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the argument's name, for example `options.files`
   * @param expected - what was expected, for example `an integer from 1 to 1000`
   * @param got - the value received
   */
  constructor(argument: string, expected: string, got: unknown);
  constructor(...args: [message: string] | [argument: string, expected: string, got: unknown]) {
    super('HOTPATH_CLI_INVALID_ARGUMENT', args.length === 1 ? args[0] : argumentMessage(...args));
  }
}

/** The demo found no source files to analyse under the folder it was given. */
export class DemoNoFilesError extends HotpathError {
  /**
   * @param dir - the folder that was searched
   * @param options - `{ cause }`: why it could not be read (it does not exist, is a file …)
   */
  constructor(dir: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_CLI_NO_FILES',
      `No source files found under ${dir}. Point --dir at a folder with source code (for example ./src).`,
      options,
    );
  }
}

/**
 * The demo's first call to the upstream failed, so there is nothing to compare. The cause is
 * that call's error (connection refused, 401, unknown model …).
 */
export class DemoUpstreamError extends HotpathError {
  /**
   * @param upstream - how the upstream was described to the user
   * @param options - `{ cause }`: the failure
   */
  constructor(upstream: string, options?: HotpathErrorOptions) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      'HOTPATH_CLI_UPSTREAM_FAILED',
      `The first call to ${upstream} failed${reason}. Check HOTPATH_BASE_URL, HOTPATH_API_KEY and HOTPATH_MODEL, or unset them to use the embedded simulator.`,
      options,
    );
  }
}
