import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { OriginState } from './origin-state.ts';

type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>[1];

/** Keeps the downstream handler on one controller across a transparent retry. */
class ControllerProxy implements Controller {
  target: Controller | undefined;
  #reason: Error | undefined;

  get aborted(): boolean {
    return this.#reason !== undefined || (this.target?.aborted ?? false);
  }
  get paused(): boolean {
    return this.target?.paused ?? false;
  }
  get reason(): Error | null {
    return this.#reason ?? this.target?.reason ?? null;
  }
  /** The response headers as undici received them, for `responseHeaders: 'raw'`. */
  get rawHeaders(): NonNullable<Controller['rawHeaders']> | null {
    return this.target?.rawHeaders ?? null;
  }
  get rawTrailers(): NonNullable<Controller['rawTrailers']> | null {
    return this.target?.rawTrailers ?? null;
  }
  abort(reason: Error): void {
    this.#reason ??= reason;
    this.target?.abort(reason);
  }
  pause(): void {
    this.target?.pause();
  }
  resume(): void {
    this.target?.resume();
  }
  attach(controller: Controller): void {
    this.target = controller;
    if (this.#reason !== undefined) controller.abort(this.#reason);
  }
}

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
 */
export class PooledHandler implements Dispatcher.DispatchHandler {
  readonly #handler: Dispatcher.DispatchHandler;
  readonly #state: OriginState;
  readonly #options: Dispatcher.DispatchOptions;
  /** Where a retry goes; undefined once used, or when retries are off or the body can't be replayed. */
  #retryVia: Dispatcher | undefined;
  readonly #proxy = new ControllerProxy();
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

  onRequestStart(controller: Controller, context: unknown): void {
    this.#sentAt = performance.now();
    this.#state.queueWait.recordMs(this.#sentAt - this.#queuedAt);
    this.#proxy.attach(controller);
    if (this.#started) return;
    this.#started = true;
    this.#handler.onRequestStart?.(this.#proxy, context);
  }

  onRequestUpgrade(
    _controller: Controller,
    statusCode: number,
    headers: Headers,
    socket: import('node:stream').Duplex,
  ): void {
    this.#responded = true;
    this.#handler.onRequestUpgrade?.(this.#proxy, statusCode, headers, socket);
  }

  onResponseStart(
    _controller: Controller,
    statusCode: number,
    headers: Headers,
    statusMessage?: string,
  ): void {
    this.#responded = true;
    this.#state.ttfb.recordMs(performance.now() - this.#sentAt);
    this.#handler.onResponseStart?.(this.#proxy, statusCode, headers, statusMessage);
  }

  onResponseData(_controller: Controller, chunk: Buffer): void {
    this.#handler.onResponseData?.(this.#proxy, chunk);
  }

  onResponseEnd(_controller: Controller, trailers: Headers): void {
    this.#handler.onResponseEnd?.(this.#proxy, trailers);
  }

  onResponseError(_controller: Controller, error: Error): void {
    const via = this.#retryVia;
    if (via && !this.#responded && !this.#proxy.aborted && isStaleSocket(error)) {
      this.#retryVia = undefined;
      this.#state.staleRetries++;
      this.#queuedAt = performance.now();
      via.dispatch(this.#options, this);
      return;
    }
    this.#handler.onResponseError?.(this.#proxy, error);
  }
}
