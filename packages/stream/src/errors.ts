import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/** Bad argument to a `@hotpath/stream` function; names the argument and what was expected. */
export class StreamArgumentError extends HotpathArgumentError {
  /** @param message - which argument was wrong and what was expected */
  constructor(message: string) {
    super('HOTPATH_STREAM_INVALID_ARGUMENT', message);
  }
}

/** One SSE event or NDJSON line grew past the decoder's `maxEventSize`. */
export class EventTooLargeError extends HotpathError {
  /** The limit that was exceeded, in characters. */
  readonly limit: number;

  /** @param limit - the `maxEventSize` in force */
  constructor(limit: number) {
    super(
      'HOTPATH_STREAM_EVENT_TOO_LARGE',
      `A stream event exceeded ${limit} characters; the upstream request was aborted. Raise maxEventSize if such events are legitimate.`,
    );
    this.limit = limit;
  }
}

/** A chunk's payload was not valid JSON. */
export class MalformedChunkError extends HotpathError {
  /** The start of the offending payload (at most 200 characters). */
  readonly payload: string;

  /**
   * @param payload - the text that failed to parse
   * @param options - `{ cause }`: the `SyntaxError`
   */
  constructor(payload: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_STREAM_MALFORMED_CHUNK',
      'A stream chunk was not valid JSON; the upstream request was aborted. Check that the body really is this provider\u2019s stream format.',
      options,
    );
    this.payload = payload.slice(0, 200);
  }
}

/** The body ended before the provider's end marker (`[DONE]`, `message_stop`, `done: true`). */
export class TruncatedStreamError extends HotpathError {
  /** The end marker that never arrived. */
  readonly expected: string;

  /** @param expected - the end marker the decoder waited for */
  constructor(expected: string) {
    super(
      'HOTPATH_STREAM_TRUNCATED',
      `The stream ended without ${expected}: the answer is incomplete. Retry the request.`,
    );
    this.expected = expected;
  }
}

/** Reading the body failed mid-stream (connection reset, socket closed by the peer). */
export class ConnectionResetError extends HotpathError {
  /** @param options - `{ cause }`: the network error */
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_STREAM_CONNECTION_RESET',
      'The connection failed in the middle of the stream: the answer is incomplete. Retry the request.',
      options,
    );
  }
}

/** The provider sent an error event inside the stream (overloaded, rate limited, …). */
export class UpstreamStreamError extends HotpathError {
  /** The provider's error type, when it gives one (for example `overloaded_error`). */
  readonly upstreamType: string | undefined;
  /** The provider's own error message, as it sent it (for a gateway relaying it, redacted). */
  readonly upstreamMessage: string;

  /**
   * @param message - the provider's error message
   * @param upstreamType - the provider's error type
   */
  constructor(message: string, upstreamType: string | undefined) {
    super(
      'HOTPATH_STREAM_UPSTREAM_ERROR',
      `The provider reported an error mid-stream: ${message}. Retry later or check the request.`,
    );
    this.upstreamType = upstreamType;
    this.upstreamMessage = message;
  }
}

/** Which limit of {@link timeouts} was hit. */
export type TimeoutLimit = 'firstChunk' | 'idle' | 'total';

/** A limit set with `timeouts()` was hit; the upstream request was aborted. */
export class StreamTimeoutError extends HotpathError {
  /** `firstChunk`, `idle` or `total`. */
  readonly limit: TimeoutLimit;
  /** The limit's value in milliseconds. */
  readonly ms: number;

  /**
   * @param limit - which limit was hit
   * @param ms - its value in milliseconds
   */
  constructor(limit: TimeoutLimit, ms: number) {
    super(
      'HOTPATH_STREAM_TIMEOUT',
      `The stream hit its ${limit}Ms limit of ${ms} ms; the upstream request was aborted. Retry, or raise ${limit}Ms.`,
    );
    this.limit = limit;
    this.ms = ms;
  }
}

/** A fan-out consumer fell more than `bufferSize` deltas behind under the `drop` or `abort` policy. */
export class SlowConsumerError extends HotpathError {
  /** @param policy - the policy that applied: `drop` or `abort` */
  constructor(policy: 'drop' | 'abort') {
    super(
      'HOTPATH_STREAM_SLOW_CONSUMER',
      policy === 'drop'
        ? 'This consumer fell too far behind the shared stream and was dropped. Read faster or raise bufferSize.'
        : 'A consumer fell too far behind the shared stream, so the stream was aborted. Read faster, raise bufferSize, or use the wait policy.',
    );
  }
}

/** A late consumer joined a fan-out after the prefix it needed was no longer kept. */
export class LateJoinError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_STREAM_LATE_JOIN',
      'This consumer joined after the stream started and the prefix was not kept. Pass { replay: true } to fanOut to replay the prefix to late joiners.',
    );
  }
}

/** Thrown by a stream whose consumer stopped it with `abort()` without a reason. */
export class StreamAbortedError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_STREAM_ABORTED',
      'The stream was aborted by its consumer and the upstream request was cancelled.',
    );
  }
}
