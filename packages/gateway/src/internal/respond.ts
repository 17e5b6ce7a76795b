import { channel } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import { GATEWAY_CHANNELS } from '../channels.ts';
import type { HttpError } from './http-error.ts';

const responseChannel = channel(GATEWAY_CHANNELS.response);

/** What `hotpath:gateway:response` publishes for every model call (never the credentials). */
export interface ResponseEvent {
  readonly path: string;
  readonly model: string | undefined;
  readonly status: number;
  readonly stream: boolean;
  readonly cache: string | undefined;
  readonly overheadMs: number | undefined;
}

/** Headers the gateway adds to answered calls. */
export interface CallMeta {
  /** `hit`, `miss` or `shared`. */
  readonly cache: string;
  /** Gateway time minus upstream time, in ms. */
  readonly overheadMs: number;
}

/** Which call an answer belongs to. */
export interface Answered {
  readonly path: string;
  readonly model: string;
  readonly stream: boolean;
}

/** A serialised JSON answer and its length in UTF-8 bytes, computed once per answer. */
export interface PreparedBody {
  readonly text: string;
  readonly bytes: number;
}

/** Prepares `text` for {@link respond}. */
export function prepared(text: string): PreparedBody {
  return { text, bytes: Buffer.byteLength(text) };
}

/**
 * The one way a model call is answered: a 200 with the call's meta headers, a complete JSON
 * `body` or, without one, the start of an SSE stream; then the `hotpath:gateway:response` event.
 * The headers go to `writeHead` as a flat list, which Node takes without walking an object.
 */
export function respond(
  res: ServerResponse,
  call: Answered,
  meta: CallMeta,
  body?: PreparedBody,
): void {
  const cache = meta.cache;
  const overhead = meta.overheadMs.toFixed(3);
  if (body === undefined) {
    res.writeHead(200, [
      'content-type',
      'text/event-stream; charset=utf-8',
      'cache-control',
      'no-cache',
      'x-hotpath-cache',
      cache,
      'x-hotpath-overhead-ms',
      overhead,
    ]);
  } else {
    res
      .writeHead(200, [
        'content-type',
        'application/json',
        'content-length',
        body.bytes,
        'x-hotpath-cache',
        cache,
        'x-hotpath-overhead-ms',
        overhead,
      ])
      .end(body.text);
  }
  if (responseChannel.hasSubscribers) publishAnswered(call, meta);
}

function publishAnswered(call: Answered, meta: CallMeta): void {
  const event: ResponseEvent = {
    path: call.path,
    model: call.model,
    status: 200,
    stream: call.stream,
    cache: meta.cache,
    overheadMs: meta.overheadMs,
  };
  responseChannel.publish(event);
}

/** Sends a JSON body that is no model call (`/v1/models`, `/health`). */
export function sendJson(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    })
    .end(body);
}

/**
 * The one way a failed request is answered: its `hotpath:gateway:response` event, then an
 * OpenAI-shaped error, unless the answer already started or the client left.
 */
export function respondError(
  res: ServerResponse,
  path: string,
  error: HttpError,
  close = false,
): void {
  if (responseChannel.hasSubscribers) {
    const event: ResponseEvent = {
      path,
      model: undefined,
      status: error.status,
      stream: false,
      cache: undefined,
      overheadMs: undefined,
    };
    responseChannel.publish(event);
  }
  sendError(res, error, close);
}

/** Sends an OpenAI-shaped error, unless the answer already started or the client left. */
export function sendError(res: ServerResponse, error: HttpError, close = false): void {
  // Node's `clientError` listener may have answered on the raw socket already.
  if (res.headersSent || res.destroyed || res.socket?.writable === false) return;
  const body = error.json();
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (error.retryAfter !== undefined) headers['retry-after'] = error.retryAfter;
  if (error.allow !== undefined) headers.allow = error.allow;
  // The unread rest of an oversize body would otherwise be parsed as the next request.
  if (close) headers.connection = 'close';
  res.writeHead(error.status, headers).end(body);
}

/** Resolves when `res` can take more data, or when the client leaves. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
