import {
  argumentMessage,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
} from '@hotpath/protocol';

/**
 * A bad argument: a `TypeError` (so `instanceof TypeError` holds) that also carries
 * the stable code `HOTPATH_EXECUTOR_INVALID_ARGUMENT`. The message names the argument
 * and says what was expected.
 */
export class InvalidArgumentError extends HotpathArgumentError {
  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the argument's name, for example `options.concurrency`
   * @param expected - what it must be, for example `a positive integer or Infinity`
   * @param actual - the value received
   */
  constructor(argument: string, expected: string, actual: unknown);
  constructor(...args: [message: string] | [argument: string, expected: string, actual: unknown]) {
    super(
      'HOTPATH_EXECUTOR_INVALID_ARGUMENT',
      args.length === 1 ? args[0] : argumentMessage(...args),
    );
  }
}

/** A task (or a whole `first()` race) ran longer than its `timeoutMs`; its signal was aborted with this error. */
export class TimeoutError extends HotpathError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  /** @param timeoutMs - the timeout that elapsed */
  constructor(timeoutMs: number, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_EXECUTOR_TIMEOUT',
      `The task did not finish within ${timeoutMs} ms and was aborted; raise \`timeoutMs\` or make the task honour its signal.`,
      options,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** Rejects every call still waiting in a `limit()` queue when `clear()` is called. */
export class LimitClearedError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_EXECUTOR_LIMIT_CLEARED',
      'The limiter queue was cleared before this call started; call it again if it is still needed.',
      options,
    );
  }
}

/** The abort reason given to the losers of a `first()` race once another function succeeded. */
export class RaceLostError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_EXECUTOR_RACE_LOST',
      'Another function of the race succeeded first; this one was aborted and its result is not needed.',
      options,
    );
  }
}

/** `runGraph()` found a dependency cycle; nothing was started. */
export class GraphCycleError extends HotpathError {
  /** The tasks that form the cycle, in dependency order, first task repeated at the end. */
  readonly tasks: readonly string[];

  /** @param tasks - the cycle, for example `['a', 'b', 'a']` */
  constructor(tasks: readonly string[]) {
    super(
      'HOTPATH_EXECUTOR_GRAPH_CYCLE',
      `The task graph has a cycle (${tasks.join(' -> ')}); remove one of these dependencies.`,
    );
    this.tasks = tasks;
  }
}

/** `runGraph()` found a dependency on a task that does not exist; nothing was started. */
export class GraphMissingDependencyError extends HotpathError {
  /** The task that declared the dependency. */
  readonly task: string;
  /** The dependency that is not in the graph. */
  readonly dependency: string;

  /**
   * @param task - the task declaring the dependency
   * @param dependency - the missing task id
   */
  constructor(task: string, dependency: string) {
    super(
      'HOTPATH_EXECUTOR_GRAPH_MISSING_DEPENDENCY',
      `Task "${task}" depends on "${dependency}", which is not in the graph; add it or fix the name.`,
    );
    this.task = task;
    this.dependency = dependency;
  }
}

/** Why a graph task was cancelled: one of its (transitive) dependencies failed. */
export class DependencyFailedError extends HotpathError {
  /** The task that failed first on the way to this one. */
  readonly dependency: string;

  /** @param dependency - the failed dependency */
  constructor(dependency: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_EXECUTOR_DEPENDENCY_FAILED',
      `Not run because its dependency "${dependency}" failed; see \`cause\` and fix that task first.`,
      options,
    );
    this.dependency = dependency;
  }
}

/** A batch function returned something other than one result per key. */
export class BatchResultError extends HotpathError {
  constructor(message: string) {
    super(
      'HOTPATH_EXECUTOR_BATCH_RESULT',
      `${message}; loadMany must resolve to an array with one value (or Error) per key, in key order.`,
    );
  }
}

/** `load()` was called on a batcher after `close()`. */
export class BatcherClosedError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_EXECUTOR_BATCHER_CLOSED',
      'The batcher is closed; create a new one with createBatcher() to load more keys.',
    );
  }
}

/** A rate-limiter reservation asks for more than a bucket can ever hold. */
export class RateLimitCapacityError extends HotpathError {
  /** The limit that can never satisfy the request. */
  readonly limit: string;

  /**
   * @param limit - the limit's name
   * @param requested - the amount asked for
   * @param capacity - the bucket's capacity
   */
  constructor(limit: string, requested: number, capacity: number) {
    super(
      'HOTPATH_EXECUTOR_RATE_LIMIT_CAPACITY',
      `Asked for ${requested} of limit "${limit}", whose capacity is ${capacity}; split the request or raise the limit.`,
    );
    this.limit = limit;
  }
}

/** `reconcile()` was called twice for the same reservation. */
export class ReservationSettledError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_EXECUTOR_RESERVATION_SETTLED',
      'This reservation was already reconciled; reconcile each reservation exactly once.',
    );
  }
}
