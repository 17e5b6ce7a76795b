import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { OriginState } from './origin-state.ts';

type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>[1];

function isReplayable(body: Dispatcher.DispatchOptions['body']): boolean {
  return body == null || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * A closed keep-alive socket that had served earlier responses (it read bytes)
 * and sent nothing for this request: the server closed an idle connection as
 * the request went out, so it never processed it.
 */
function isStaleSocket(error: Error): boolean {
  const { code, socket } = error as { code?: string; socket?: { bytesRead?: number } };
  return code === 'UND_ERR_SOCKET' && (socket?.bytesRead ?? 0) > 0;
}

/**
 * Wraps a request's handler to time queue wait and time to first byte, and to
 * retry once, on a fresh socket, a request that met a stale keep-alive socket.
 * It is also the controller the downstream handler sees, so that handler keeps one
 * controller across a retry (one object per request instead of two).
 */
export class PooledHandler implements Dispatcher.DispatchHandler, Controller {
  readonly #handler: Dispatcher.DispatchHandler;
  readonly #state: OriginState;
  readonly #options: Dispatcher.DispatchOptions;
  /** Where a retry goes; undefined once used, or when retries are off or the body can't be replayed. */
  #retryVia: Dispatcher | undefined;
  /** The current attempt's controller. */
  #target: Controller | undefined;
  /** Why the downstream handler aborted, kept so a retry starts aborted too. */
  #reason: Error | undefined;
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

  onRequestStart(controller: Controller, context: unknown): void {
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
    if (via && !this.#responded && !this.aborted && isStaleSocket(error)) {
      this.#retryVia = undefined;
      this.#state.staleRetries++;
      this.#queuedAt = performance.now();
      via.dispatch(this.#options, this);
      return;
    }
    this.#handler.onResponseError?.(this, error);
  }
}
