import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/** A call was made on a pool after `close()` or `destroy()`. */
export class PoolClosedError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_POOL_CLOSED',
      'The pool is closed: create a new pool, or stop using this one before closing it.',
      options,
    );
  }
}

/** `acquire()` waited longer than `acquireTimeoutMs` for a free object. */
export class AcquireTimeoutError extends HotpathError {
  constructor(timeoutMs: number, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_POOL_ACQUIRE_TIMEOUT',
      `No pooled object became available within ${timeoutMs} ms: raise \`max\`, release leases sooner, or check \`cause\` for failing \`create\` calls.`,
      options,
    );
  }
}

/** A pending `acquire()` was rejected because the pool was drained or cleared. */
export class PoolDrainedError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_POOL_DRAINED',
      'The pool was closed while this acquire was waiting: acquire from a live pool.',
      options,
    );
  }
}

/** An argument had the wrong type or range. */
export class PoolArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_POOL_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_POOL_INVALID_ARGUMENT';

  constructor(message: string) {
    super('HOTPATH_POOL_INVALID_ARGUMENT', message);
  }
}
