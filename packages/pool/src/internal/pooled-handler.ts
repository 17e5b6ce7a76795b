import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { TLSSocket } from 'node:tls';
import type { Dispatcher } from 'undici';
import { POOL_CHANNELS } from '../channels.ts';
import type { OriginState } from './origin-state.ts';
import { isSocketClosedError } from './stale-socket.ts';
import type { Connection, ConnectionSource, TrackedHandler } from './tracked-client.ts';

const staleRetryChannel = channel(POOL_CHANNELS.staleRetry);

type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>[1];

function isReplayable(body: Dispatcher.DispatchOptions['body']): boolean {
  return body == null || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * Bytes the socket had read when a request started on it, if it is a reused HTTP/1.1 socket
 * (one that answered earlier requests); -1 for a fresh socket, an HTTP/2 session (whose
 * streams share the byte count) or an unknown one. Only a reused socket can be stale.
 */
function reusedBytes(connection: Connection | undefined): number {
  if (connection === undefined || connection.responses === 0) return -1;
  const { socket } = connection;
  if ((socket as Partial<TLSSocket>).alpnProtocol === 'h2') return -1;
  return socket.bytesRead;
}

/**
 * Wraps a request's handler to time queue wait and time to first byte, and to
 * retry once a request that met a stale keep-alive socket: the socket had
 * answered earlier requests, it closed (however the race showed up), and not one
 * byte of this request's response arrived, so the server never answered it. A
 * fresh socket that fails, or one that delivered any byte, is never retried.
 * It is also the controller the downstream handler sees, so that handler keeps one
 * controller across a retry (one object per request instead of two).
 */
export class PooledHandler implements TrackedHandler, Controller {
  readonly #handler: Dispatcher.DispatchHandler;
  readonly #state: OriginState;
  readonly #options: Dispatcher.DispatchOptions;
  /** Where a retry goes; undefined once used, or when retries are off or the body can't be replayed. */
  #retryVia: Dispatcher | undefined;
  /** The current attempt's controller. */
  #target: Controller | undefined;
  /** Why the downstream handler aborted, kept so a retry starts aborted too. */
  #reason: Error | undefined;
  /** The client the current attempt was dispatched to. */
  #source: ConnectionSource | undefined;
  /** The connection the current attempt was written to. */
  #connection: Connection | undefined;
  /** Its bytes read when the attempt started; -1 unless it was a reused socket. */
  #bytesAtStart = -1;
  /** Whether the current attempt was handed to a socket (undici calls `onRequestStart`). */
  #attemptStarted = false;
  #queuedAt = performance.now();
  #sentAt = 0;
  #started = false;
  #responded = false;

  constructor(
    handler: Dispatcher.DispatchHandler,
    state: OriginState,
    options: Dispatcher.DispatchOptions,
    retryVia: Dispatcher | undefined,
  ) {
    this.#handler = handler;
    this.#state = state;
    this.#options = options;
    this.#retryVia = retryVia && isReplayable(options.body) ? retryVia : undefined;
  }

  // The controller side, for the downstream handler.

  get aborted(): boolean {
    return this.#reason !== undefined || (this.#target?.aborted ?? false);
  }
  get paused(): boolean {
    return this.#target?.paused ?? false;
  }
  get reason(): Error | null {
    return this.#reason ?? this.#target?.reason ?? null;
  }
  /** The response headers as undici received them, for `responseHeaders: 'raw'`. */
  get rawHeaders(): NonNullable<Controller['rawHeaders']> | null {
    return this.#target?.rawHeaders ?? null;
  }
  get rawTrailers(): NonNullable<Controller['rawTrailers']> | null {
    return this.#target?.rawTrailers ?? null;
  }
  abort(reason: Error): void {
    this.#reason ??= reason;
    this.#target?.abort(reason);
  }
  pause(): void {
    this.#target?.pause();
  }
  resume(): void {
    this.#target?.resume();
  }

  // The handler side, for undici.

  trackOn(source: ConnectionSource): void {
    this.#source = source;
  }

  onRequestStart(controller: Controller, context: unknown): void {
    this.#attemptStarted = true;
    // The client writes this request to its current socket right after this call. Every
    // request counts its response on the connection, retryable or not.
    this.#connection = this.#source?.connection;
    if (this.#retryVia !== undefined) this.#bytesAtStart = reusedBytes(this.#connection);
    this.#sentAt = performance.now();
    this.#state.queueWait.recordMs(this.#sentAt - this.#queuedAt);
    this.#target = controller;
    if (this.#reason !== undefined) controller.abort(this.#reason);
    if (this.#started) return;
    this.#started = true;
    this.#handler.onRequestStart?.(this, context);
  }

  onRequestUpgrade(
    _controller: Controller,
    statusCode: number,
    headers: Headers,
    socket: import('node:stream').Duplex,
  ): void {
    this.#responded = true;
    this.#handler.onRequestUpgrade?.(this, statusCode, headers, socket);
  }

  onResponseStart(
    _controller: Controller,
    statusCode: number,
    headers: Headers,
    statusMessage?: string,
  ): void {
    this.#responded = true;
    if (this.#connection !== undefined) this.#connection.responses++;
    this.#state.ttfb.recordMs(performance.now() - this.#sentAt);
    this.#handler.onResponseStart?.(this, statusCode, headers, statusMessage);
  }

  onResponseData(_controller: Controller, chunk: Buffer): void {
    this.#handler.onResponseData?.(this, chunk);
  }

  onResponseEnd(_controller: Controller, trailers: Headers): void {
    this.#handler.onResponseEnd?.(this, trailers);
  }

  onResponseError(_controller: Controller, error: Error): void {
    const via = this.#retryVia;
    if (via !== undefined && this.#metStaleSocket(error)) {
      this.#retryVia = undefined;
      this.#state.staleRetries++;
      if (staleRetryChannel.hasSubscribers) {
        staleRetryChannel.publish({ origin: this.#state.origin, code: errorCode(error) });
      }
      this.#queuedAt = performance.now();
      this.#attemptStarted = false;
      via.dispatch(this.#options, this);
      return;
    }
    this.#handler.onResponseError?.(this, error);
  }

  /** A reused socket closed before a single byte of this response arrived. */
  #metStaleSocket(error: Error): boolean {
    if (this.#responded || this.aborted || !isSocketClosedError(error)) return false;
    // A reset that lands while the request waits for its idle socket fails the request
    // before undici writes it: nothing left, so only the socket's history matters.
    if (!this.#attemptStarted) return reusedBytes(this.#source?.connection) >= 0;
    return this.#bytesAtStart >= 0 && this.#connection?.socket.bytesRead === this.#bytesAtStart;
  }
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'unknown';
}
