import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/**
 * Thrown synchronously for a bad option of `startSimulator` or `waitFor`: names the
 * argument and what was expected. A `TypeError`, so it reads like any other bad-input error.
 */
export class SimulatorArgumentError extends HotpathArgumentError {
  /** @param message - which argument was wrong and what was expected */
  constructor(message: string) {
    super('HOTPATH_SIMULATOR_INVALID_ARGUMENT', message);
  }
}

/** The simulator could not listen on the requested host and port (port in use, no permission). */
export class SimulatorListenError extends HotpathError {
  /**
   * @param address - the `host:port` that was requested
   * @param options - `{ cause }`, the underlying `listen` error
   */
  constructor(address: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_SIMULATOR_LISTEN_FAILED',
      `The simulator could not listen on ${address}: pass port 0 for a free port, or stop whatever holds it.`,
      options,
    );
  }
}

/** `waitFor` was pending when the simulator closed, so the condition can no longer become true. */
export class SimulatorClosedError extends HotpathError {
  /** @param options - `{ cause }` */
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_SIMULATOR_CLOSED',
      'The simulator was closed while waiting for its counters: wait before calling close().',
      options,
    );
  }
}
