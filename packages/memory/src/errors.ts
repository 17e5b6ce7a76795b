import {
  argumentMessage,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
} from '@hotpath/protocol';
import type { LeakReport } from './detect-leak.ts';

/**
 * Bad input at the package boundary: names the argument and what was expected.
 * A `TypeError`, so `instanceof TypeError` keeps working, with a stable `code`.
 */
export class MemoryArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_MEMORY_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_MEMORY_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the argument or option name, for example `options.rounds`
   * @param expected - what it should have been, for example `an integer ≥ 3`
   * @param actual - the value received
   */
  constructor(argument: string, expected: string, actual: unknown);
  constructor(...args: [message: string] | [argument: string, expected: string, actual: unknown]) {
    super(
      'HOTPATH_MEMORY_INVALID_ARGUMENT',
      args.length === 1 ? args[0] : argumentMessage(...args),
    );
  }
}

/** The process cannot give hotpath a garbage-collection function. */
export class GcUnavailableError extends HotpathError {
  /** @param options - `{ cause }` */
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_MEMORY_GC_UNAVAILABLE',
      'Could not obtain a gc() function from V8 (setting --expose-gc at run time failed). ' +
        'Start Node with --expose-gc, or pass forceGc: false and accept noisier samples.',
      options,
    );
  }
}

/** `v8.queryObjects` is missing: it needs Node.js ≥ 22. */
export class QueryObjectsUnavailableError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_MEMORY_QUERY_OBJECTS_UNAVAILABLE',
      `countInstances() needs v8.queryObjects, which this runtime (Node ${process.version}) lacks. ` +
        'Upgrade to Node.js 22 or later.',
    );
  }
}

/** A regression needs at least two samples taken after a forced GC. */
export class NotEnoughSamplesError extends HotpathError {
  /**
   * @param have - GC'd samples available
   * @param need - samples required
   */
  constructor(have: number, need: number) {
    super(
      'HOTPATH_MEMORY_NOT_ENOUGH_SAMPLES',
      `trend() needs at least ${need} samples taken after a forced GC; it has ${have}. ` +
        'Take more snapshots with snapshot(label) (gc is on by default).',
    );
  }
}

/** Thrown by `expectNoLeak` when the decision rule finds a leak; the message holds the figures. */
export class LeakDetectedError extends HotpathError {
  /** The full report: readings, growth per round, slope, sign-test p-value, rule. */
  readonly report: LeakReport;

  /**
   * @param message - the figures, as `describeLeak` formats them
   * @param report - the report behind them
   */
  constructor(message: string, report: LeakReport) {
    super('HOTPATH_MEMORY_LEAK_DETECTED', message);
    this.report = report;
  }
}
